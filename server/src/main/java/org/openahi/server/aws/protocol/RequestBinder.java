package org.openahi.server.aws.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openahi.server.aws.model.OperationModel;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.model.Shape;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.Percent;
import org.openahi.server.http.QueryParameters;

/**
 * Turns a restJson1 request into the operation's input document: URI labels, query parameters, headers
 * and the JSON body (or the payload member) are bound to the input shape's members and converted to the
 * shapes' types. Members the model does not know are ignored; a value of the wrong type is a
 * SerializationException naming the member. Constraints are checked afterwards by {@link ShapeValidator}.
 */
public final class RequestBinder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceModel model;
    private final ObjectReader strictReader;

    public RequestBinder(ServiceModel model, ObjectMapper json) {
        this.model = model;
        this.strictReader = json.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    public ObjectNode bind(
            OperationModel operation,
            Map<String, String> rawLabels,
            QueryParameters query,
            Function<String, String> header,
            byte[] body) {
        ObjectNode input = NODES.objectNode();
        if (operation.inputShape().isEmpty()) {
            return input;
        }
        Shape shape = model.shape(operation.inputShape().get());
        JsonNode bodyDocument = null;
        for (Shape.Member member : shape.members().values()) {
            Shape target = model.shape(member.shape());
            JsonNode value = switch (member.location()) {
                case URI -> label(member, target, rawLabels.get(member.locationName()));
                case QUERYSTRING -> queryValue(member, target, query.all(member.locationName()));
                case HEADER -> scalar(member.name(), target, header.apply(member.locationName()));
                case BODY -> {
                    if (shape.payloadMember().filter(member.name()::equals).isPresent()) {
                        yield payload(member, target, body);
                    }
                    if (bodyDocument == null) {
                        bodyDocument = parseObject(body);
                    }
                    yield convert(member.name(), target, bodyDocument.get(member.name()));
                }
            };
            if (value != null) {
                input.set(member.name(), value);
            }
        }
        return input;
    }

    private JsonNode label(Shape.Member member, Shape target, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return scalar(member.name(), target, Percent.decode(raw));
        } catch (IllegalArgumentException e) {
            throw HttpError.serialization("Malformed URI label '" + member.name() + "': " + e.getMessage());
        }
    }

    private JsonNode queryValue(Shape.Member member, Shape target, List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        if (target.type() == Shape.Type.LIST) {
            Shape element = model.shape(target.listMember().orElseThrow());
            ArrayNode array = NODES.arrayNode();
            values.forEach(v -> array.add(scalar(member.name(), element, v)));
            return array;
        }
        if (values.size() > 1) {
            throw HttpError.serialization("Query parameter '" + member.locationName() + "' must appear at most once");
        }
        return scalar(member.name(), target, values.get(0));
    }

    /** A string from a label, query parameter or header, converted to the member's scalar type. */
    private static JsonNode scalar(String name, Shape target, String text) {
        if (text == null) {
            return null;
        }
        return switch (target.type()) {
            case STRING -> NODES.textNode(text);
            case INTEGER, LONG -> {
                try {
                    yield target.type() == Shape.Type.INTEGER
                            ? NODES.numberNode(Integer.parseInt(text))
                            : NODES.numberNode(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw HttpError.serialization("Value '" + text + "' for '" + name + "' is not an integer");
                }
            }
            case BOOLEAN ->
                switch (text) {
                    case "true" -> NODES.booleanNode(true);
                    case "false" -> NODES.booleanNode(false);
                    default ->
                        throw HttpError.serialization(
                                "Value '" + text + "' for '" + name + "' is not a boolean (true or false)");
                };
            default ->
                throw new IllegalStateException(
                        "The model binds " + target.type() + " member " + name + " outside the body");
        };
    }

    private JsonNode payload(Shape.Member member, Shape target, byte[] body) {
        if (target.type() == Shape.Type.BLOB) {
            return body.length == 0 ? null : NODES.binaryNode(body);
        }
        if (body.length == 0) {
            return null;
        }
        return convert(member.name(), target, parseObject(body));
    }

    /**
     * The body as one JSON object and nothing else: trailing data, a repeated member name or a byte order mark are
     * SerializationExceptions, since two readers could otherwise disagree on what a request asks for.
     */
    private JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            return NODES.objectNode();
        }
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            throw HttpError.serialization(
                    "The request body starts with a byte order mark; send UTF-8 JSON without one");
        }
        JsonNode document;
        try {
            document = strictReader.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.serialization("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw HttpError.serialization("The request body could not be read: " + e.getMessage());
        }
        if (document == null || !document.isObject()) {
            throw HttpError.serialization("The request body must be a JSON object");
        }
        return document;
    }

    /** Converts a JSON value to the shape's type; JSON null means absent. */
    private JsonNode convert(String path, Shape shape, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (shape.type()) {
            case STRUCTURE -> {
                expect(value.isObject(), path, "an object");
                ObjectNode result = NODES.objectNode();
                for (Shape.Member member : shape.members().values()) {
                    JsonNode converted =
                            convert(path + "." + member.name(), model.shape(member.shape()), value.get(member.name()));
                    if (converted != null) {
                        result.set(member.name(), converted);
                    }
                }
                yield result;
            }
            case LIST -> {
                expect(value.isArray(), path, "an array");
                Shape element = model.shape(shape.listMember().orElseThrow());
                ArrayNode result = NODES.arrayNode();
                for (int i = 0; i < value.size(); i++) {
                    JsonNode converted = convert(path + "[" + i + "]", element, value.get(i));
                    expect(converted != null, path + "[" + i + "]", "a value, not null");
                    result.add(converted);
                }
                yield result;
            }
            case MAP -> {
                expect(value.isObject(), path, "an object");
                Shape valueShape = model.shape(shape.mapValue().orElseThrow());
                ObjectNode result = NODES.objectNode();
                value.properties().forEach(entry -> {
                    JsonNode converted = convert(path + "." + entry.getKey(), valueShape, entry.getValue());
                    expect(converted != null, path + "." + entry.getKey(), "a value, not null");
                    result.set(entry.getKey(), converted);
                });
                yield result;
            }
            case STRING -> {
                expect(value.isTextual(), path, "a string");
                yield value;
            }
            case INTEGER -> {
                expect(value.isIntegralNumber() && value.canConvertToInt(), path, "an integer");
                yield NODES.numberNode(value.intValue());
            }
            case LONG -> {
                expect(value.isIntegralNumber() && value.canConvertToLong(), path, "an integer");
                yield NODES.numberNode(value.longValue());
            }
            case FLOAT, DOUBLE -> {
                expect(value.isNumber(), path, "a number");
                yield NODES.numberNode(value.doubleValue());
            }
            case BOOLEAN -> {
                expect(value.isBoolean(), path, "a boolean");
                yield value;
            }
            case TIMESTAMP -> {
                expect(value.isNumber(), path, "a timestamp in epoch seconds");
                yield NODES.numberNode(new BigDecimal(value.asText()));
            }
            case BLOB -> {
                expect(value.isTextual(), path, "a base64 string");
                try {
                    yield NODES.binaryNode(Base64.getDecoder().decode(value.asText()));
                } catch (IllegalArgumentException e) {
                    throw HttpError.serialization("Value for '" + path + "' is not valid base64");
                }
            }
        };
    }

    private static void expect(boolean condition, String path, String what) {
        if (!condition) {
            throw HttpError.serialization("Value for '" + path + "' must be " + what);
        }
    }
}
