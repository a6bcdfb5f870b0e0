package org.openahi.core.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One key of a statement's Condition block: {@code "StringLike": {"aws:ResourceTag/team": ["a*", "b"]}} is one
 * Condition with operator StringLike, key aws:resourcetag/team and two values (any may match). The operators are
 * those AHI's condition keys need: the String family, IpAddress/NotIpAddress, Bool and Null, with the IfExists
 * suffix and the ForAnyValue:/ForAllValues: set prefixes.
 */
record Condition(String operator, Operator base, SetQualifier set, boolean ifExists, String key, List<String> values) {

    enum SetQualifier {
        NONE,
        FOR_ANY_VALUE,
        FOR_ALL_VALUES
    }

    enum Operator {
        STRING_EQUALS(false),
        STRING_NOT_EQUALS(true),
        STRING_EQUALS_IGNORE_CASE(false),
        STRING_NOT_EQUALS_IGNORE_CASE(true),
        STRING_LIKE(false),
        STRING_NOT_LIKE(true),
        IP_ADDRESS(false),
        NOT_IP_ADDRESS(true),
        BOOL(false),
        NULL(false);

        private final boolean negated;

        Operator(boolean negated) {
            this.negated = negated;
        }

        static Operator named(String name) {
            return switch (name) {
                case "StringEquals" -> STRING_EQUALS;
                case "StringNotEquals" -> STRING_NOT_EQUALS;
                case "StringEqualsIgnoreCase" -> STRING_EQUALS_IGNORE_CASE;
                case "StringNotEqualsIgnoreCase" -> STRING_NOT_EQUALS_IGNORE_CASE;
                case "StringLike" -> STRING_LIKE;
                case "StringNotLike" -> STRING_NOT_LIKE;
                case "IpAddress" -> IP_ADDRESS;
                case "NotIpAddress" -> NOT_IP_ADDRESS;
                case "Bool" -> BOOL;
                case "Null" -> NULL;
                default -> null;
            };
        }
    }

    /** Parses an operator name such as {@code ForAllValues:StringLikeIfExists}; an IllegalArgumentException if unknown. */
    static Condition of(String operator, String key, List<String> values) {
        String name = operator;
        SetQualifier set = SetQualifier.NONE;
        if (name.startsWith("ForAnyValue:")) {
            set = SetQualifier.FOR_ANY_VALUE;
            name = name.substring("ForAnyValue:".length());
        } else if (name.startsWith("ForAllValues:")) {
            set = SetQualifier.FOR_ALL_VALUES;
            name = name.substring("ForAllValues:".length());
        }
        boolean ifExists = name.endsWith("IfExists") && !name.equals("IfExists");
        Operator base = Operator.named(ifExists ? name.substring(0, name.length() - "IfExists".length()) : name);
        if (base == null || (base == Operator.NULL && (ifExists || set != SetQualifier.NONE))) {
            throw new IllegalArgumentException(
                    "condition operator '" + operator + "' is not supported; openahi takes "
                            + "StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, "
                            + "StringNotLike, IpAddress, NotIpAddress, Bool, Null, with IfExists and ForAnyValue:/ForAllValues:");
        }
        if (base == Operator.IP_ADDRESS || base == Operator.NOT_IP_ADDRESS) {
            values.forEach(Condition::cidr);
        }
        return new Condition(operator, base, set, ifExists, AccessRequest.key(key), List.copyOf(values));
    }

    /** Whether the condition holds for a request whose condition keys are {@code context}. */
    boolean holds(Map<String, List<String>> context) {
        List<String> present = context.get(key);
        if (base == Operator.NULL) {
            boolean absent = present == null || present.isEmpty();
            return values.stream().anyMatch(value -> value.equalsIgnoreCase(Boolean.toString(absent)));
        }
        if (present == null || present.isEmpty()) {
            // IAM: an absent key fails the condition, unless the operator is negated, IfExists, or ForAllValues.
            return ifExists || base.negated || set == SetQualifier.FOR_ALL_VALUES;
        }
        return switch (set) {
            case FOR_ALL_VALUES -> present.stream().allMatch(this::holdsFor);
            case FOR_ANY_VALUE, NONE -> present.stream().anyMatch(this::holdsFor);
        };
    }

    /** One request value against the condition's values: any matches (for a negated operator: none does). */
    private boolean holdsFor(String requestValue) {
        boolean any = values.stream().anyMatch(value -> matches(value, requestValue));
        return base.negated != any;
    }

    private boolean matches(String conditionValue, String requestValue) {
        return switch (base) {
            case STRING_EQUALS, STRING_NOT_EQUALS -> conditionValue.equals(requestValue);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE ->
                conditionValue.equalsIgnoreCase(requestValue);
            case STRING_LIKE, STRING_NOT_LIKE -> Wildcard.matches(conditionValue, requestValue, false);
            case IP_ADDRESS, NOT_IP_ADDRESS -> inCidr(conditionValue, requestValue);
            case BOOL -> conditionValue.toLowerCase(Locale.ROOT).equals(requestValue.toLowerCase(Locale.ROOT));
            case NULL -> throw new IllegalStateException("Null is evaluated on the key's presence");
        };
    }

    private static boolean inCidr(String cidr, String address) {
        byte[] network = cidr(cidr);
        int bits = cidr.contains("/") ? Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)) : network.length * 8;
        byte[] candidate;
        try {
            candidate = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((network[i / 8] & mask) != (candidate[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The network address of an IPv4 or IPv6 CIDR block (or single address); an IllegalArgumentException if not one. */
    private static byte[] cidr(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        if (slash >= 0) {
            int bits;
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' is not a CIDR block");
            }
        }
        return address;
    }

    /** An IP address literal (never a host name: nothing is resolved). */
    private static byte[] literal(String text) {
        String address = text.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        boolean v4 = address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = address.contains(":") && address.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
        }
    }
}
