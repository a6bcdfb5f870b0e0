package org.openahi.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openahi.dicom.VR;

/**
 * Whether a single value of a metadata document fits a VR, in the document's encoding (AHI §4.3): text VRs as
 * strings (IS and DS too), binary numbers as JSON numbers, AT as eight hex digits, bulk VRs as base64, empty as
 * null. Lengths and formats follow PS3.5 §6.2.
 */
final class VrValues {
    private static final Map<VR, Integer> MAX_LENGTH = Map.ofEntries(
            Map.entry(VR.AE, 16),
            Map.entry(VR.AS, 4),
            Map.entry(VR.CS, 16),
            Map.entry(VR.DA, 8),
            Map.entry(VR.DS, 16),
            Map.entry(VR.DT, 26),
            Map.entry(VR.IS, 12),
            Map.entry(VR.LO, 64),
            Map.entry(VR.LT, 10240),
            Map.entry(VR.PN, 324),
            Map.entry(VR.SH, 16),
            Map.entry(VR.ST, 1024),
            Map.entry(VR.TM, 14),
            Map.entry(VR.UI, 64));
    private static final Map<VR, Pattern> FORMAT = Map.of(
            VR.AS, Pattern.compile("\\d{3}[DWMY]"),
            VR.CS, Pattern.compile("[A-Z0-9 _]*"),
            VR.DA, Pattern.compile("\\d{8}"),
            VR.DS, Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?"),
            VR.DT, Pattern.compile("\\d{4}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?)?)?)?([+-]\\d{4})?"),
            VR.IS, Pattern.compile("[+-]?\\d+"),
            VR.TM, Pattern.compile("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?"),
            VR.UI, Pattern.compile("[0-9]+(\\.[0-9]+)*"),
            VR.AT, Pattern.compile("[0-9A-Fa-f]{8}"));
    private static final Map<VR, BigInteger[]> RANGE = Map.of(
            VR.US,
            range(0, 65535),
            VR.SS,
            range(-32768, 32767),
            VR.UL,
            range(0, 4294967295L),
            VR.SL,
            range(Integer.MIN_VALUE, Integer.MAX_VALUE),
            VR.SV,
            range(Long.MIN_VALUE, Long.MAX_VALUE),
            VR.UV,
            new BigInteger[] {BigInteger.ZERO, BigInteger.TWO.pow(64).subtract(BigInteger.ONE)});

    private VrValues() {}

    /** Why the value does not fit the VR, or empty when it does. */
    static Optional<String> problem(VR vr, JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        return switch (vr.kind()) {
            case TEXT, DECIMAL_STRING, INTEGER_STRING, PERSON_NAME, TAG -> text(vr, value);
            case INTEGER -> integer(vr, value);
            case FLOAT -> value.isNumber() ? Optional.empty() : Optional.of("a " + vr + " value is a number");
            case BYTES -> bytes(vr, value);
            case SEQUENCE -> value.isObject() ? Optional.empty() : Optional.of("an SQ item is an object");
        };
    }

    private static Optional<String> text(VR vr, JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of("a " + vr + " value is a string");
        }
        String text = vr == VR.UI ? value.asText().replace("\0", "") : value.asText();
        Integer max = MAX_LENGTH.get(vr);
        if (max != null && text.length() > max) {
            return Optional.of("a " + vr + " value has at most " + max + " characters");
        }
        Pattern format = FORMAT.get(vr);
        String significant = vr == VR.CS ? text.stripTrailing() : text.strip();
        if (format != null
                && !significant.isEmpty()
                && !format.matcher(significant).matches()) {
            return Optional.of("'" + text + "' is not a valid " + vr + " value");
        }
        return Optional.empty();
    }

    private static Optional<String> integer(VR vr, JsonNode value) {
        if (!value.isIntegralNumber()) {
            return Optional.of("a " + vr + " value is an integer");
        }
        BigInteger[] range = RANGE.get(vr);
        BigInteger number = value.bigIntegerValue();
        if (number.compareTo(range[0]) < 0 || number.compareTo(range[1]) > 0) {
            return Optional.of(number + " is out of the range of " + vr);
        }
        return Optional.empty();
    }

    private static Optional<String> bytes(VR vr, JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of("a " + vr + " value is a base64 string");
        }
        try {
            Base64.getDecoder().decode(value.asText());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("a " + vr + " value is a base64 string");
        }
    }

    private static BigInteger[] range(long min, long max) {
        return new BigInteger[] {BigInteger.valueOf(min), BigInteger.valueOf(max)};
    }
}
