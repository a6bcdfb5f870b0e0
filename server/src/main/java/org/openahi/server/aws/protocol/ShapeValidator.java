package org.openahi.server.aws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.model.Shape;

/**
 * Checks a document against a shape's constraints — required, length, range, pattern, enum, union — and
 * reports every violation in AWS's wording ("Value 'x' at 'member' failed to satisfy constraint: ...").
 * Requests use it for ValidationException; tests use it to check responses against the output shapes.
 */
public final class ShapeValidator {
    private static final int MAX_SHOWN_VALUE = 128;

    private final ServiceModel model;

    public ShapeValidator(ServiceModel model) {
        this.model = model;
    }

    /** Every violation of {@code shapeName}'s constraints by {@code document}, in member order. */
    public List<String> violations(String shapeName, JsonNode document) {
        List<String> violations = new ArrayList<>();
        Shape shape = model.shape(shapeName);
        checkMembers("", shape, document, violations);
        return violations;
    }

    /** AWS's message for a list of violations. */
    public static String message(List<String> violations) {
        return violations.size() + " validation error" + (violations.size() == 1 ? "" : "s") + " detected: "
                + String.join("; ", violations);
    }

    private void check(String path, Shape shape, JsonNode value, boolean required, List<String> violations) {
        if (value == null || value.isNull()) {
            if (required) {
                violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            }
            return;
        }
        switch (shape.type()) {
            case STRUCTURE -> checkStructure(path, shape, value, violations);
            case LIST -> {
                checkLength(path, shape, value, value.size(), violations);
                Shape element = model.shape(shape.listMember().orElseThrow());
                for (int i = 0; i < value.size(); i++) {
                    check(path + "[" + i + "]", element, value.get(i), true, violations);
                }
            }
            case MAP -> {
                checkLength(path, shape, value, value.size(), violations);
                Shape keyShape = model.shape(shape.mapKey().orElseThrow());
                Shape valueShape = model.shape(shape.mapValue().orElseThrow());
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                value.properties().iterator();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    List<String> keyViolations = new ArrayList<>();
                    checkString(path, keyShape, entry.getKey(), keyViolations);
                    keyViolations.forEach(v -> violations.add(v.replace(
                            "failed to satisfy constraint: Member",
                            "failed to satisfy constraint: Map keys must satisfy constraint: Member")));
                    check(path + "." + entry.getKey(), valueShape, entry.getValue(), true, violations);
                }
            }
            case STRING -> checkString(path, shape, value.asText(), violations);
            case BLOB -> {
                if (!value.isPojo()) { // a StreamingPayload has no length to check
                    checkLength(path, shape, value, binaryLength(value), violations);
                }
            }
            case INTEGER, LONG, FLOAT, DOUBLE -> checkRange(path, shape, value, violations);
            case BOOLEAN, TIMESTAMP -> {}
        }
    }

    private void checkStructure(String path, Shape shape, JsonNode value, List<String> violations) {
        if (shape.union()) {
            long set = shape.members().keySet().stream()
                    .filter(name -> value.has(name) && !value.get(name).isNull())
                    .count();
            if (set != 1) {
                violations.add("Value at '" + path + "' failed to satisfy constraint: Exactly one of "
                        + shape.members().keySet() + " must be set, found " + set);
            }
        }
        checkMembers(path + ".", shape, value, violations);
    }

    private void checkMembers(String prefix, Shape shape, JsonNode value, List<String> violations) {
        for (Shape.Member member : shape.members().values()) {
            check(
                    prefix + member.name(),
                    model.shape(member.shape()),
                    value.get(member.name()),
                    shape.required().contains(member.name()),
                    violations);
        }
        value.fieldNames().forEachRemaining(name -> {
            if (!shape.members().containsKey(name)) {
                violations.add("Member '" + prefix + name + "' is not part of " + shape.name());
            }
        });
    }

    private static void checkString(String path, Shape shape, String text, List<String> violations) {
        checkLength(path, shape, text, text.codePointCount(0, text.length()), violations);
        if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(text)) {
            violations.add(prefix(path, shape, text) + "Member must satisfy enum value set: " + shape.enumValues());
        }
        shape.pattern().ifPresent(pattern -> {
            if (!pattern.matcher(text).matches()) {
                violations.add(prefix(path, shape, text) + "Member must satisfy regular expression pattern: "
                        + pattern.pattern());
            }
        });
    }

    private static void checkLength(String path, Shape shape, Object shown, long length, List<String> violations) {
        shape.min().ifPresent(min -> {
            if (BigDecimal.valueOf(length).compareTo(min) < 0) {
                violations.add(prefix(path, shape, shown) + "Member must have length greater than or equal to " + min);
            }
        });
        shape.max().ifPresent(max -> {
            if (BigDecimal.valueOf(length).compareTo(max) > 0) {
                violations.add(prefix(path, shape, shown) + "Member must have length less than or equal to " + max);
            }
        });
    }

    private static void checkRange(String path, Shape shape, JsonNode value, List<String> violations) {
        BigDecimal number = value.decimalValue();
        shape.min().ifPresent(min -> {
            if (number.compareTo(min) < 0) {
                violations.add(prefix(path, shape, value) + "Member must have value greater than or equal to " + min);
            }
        });
        shape.max().ifPresent(max -> {
            if (number.compareTo(max) > 0) {
                violations.add(prefix(path, shape, value) + "Member must have value less than or equal to " + max);
            }
        });
    }

    private static long binaryLength(JsonNode value) {
        try {
            return value.binaryValue().length;
        } catch (java.io.IOException e) {
            return value.asText().length();
        }
    }

    /** "Value 'x' at 'path' failed to satisfy constraint: " — without the value for sensitive shapes. */
    private static String prefix(String path, Shape shape, Object value) {
        if (shape.sensitive() || value instanceof JsonNode node && (node.isBinary() || node.isContainerNode())) {
            return "Value at '" + path + "' failed to satisfy constraint: ";
        }
        String text = value instanceof JsonNode node ? node.asText() : String.valueOf(value);
        if (text.length() > MAX_SHOWN_VALUE) {
            text = text.substring(0, MAX_SHOWN_VALUE) + "...";
        }
        return "Value '" + text + "' at '" + path + "' failed to satisfy constraint: ";
    }
}
