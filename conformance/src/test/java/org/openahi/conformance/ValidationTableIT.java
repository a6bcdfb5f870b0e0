package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.openahi.server.aws.model.OperationModel;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.model.Shape;

/**
 * Table-driven from the service model itself: for every member of the input shapes of the data store and
 * tag operations, every constraint (required, length, range, pattern, enum, map keys, list members) is
 * violated once, in an otherwise valid signed request, and must be answered 400 ValidationException naming
 * the member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationTableIT {
    private static final List<String> OPERATIONS = List.of(
            "CreateDatastore",
            "GetDatastore",
            "ListDatastores",
            "DeleteDatastore",
            "TagResource",
            "UntagResource",
            "ListTagsForResource");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Valid example values of the shapes these operations require. */
    private static final Map<String, JsonNode> VALID = Map.of(
            "DatastoreId", NODES.textNode("a".repeat(32)),
            "Arn", NODES.textNode("arn:aws:medical-imaging:us-east-1:123456789012:datastore/" + "a".repeat(32)),
            "ClientToken", NODES.textNode("client-token-1"),
            "TagKey", NODES.textNode("k"),
            "TagValue", NODES.textNode("v"));

    private final ServiceModel model = ServiceModel.load();
    private TestServer server;

    record Violation(String path, String constraint, JsonNode value) {}

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.SQLITE);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyConstraintViolationIsAValidationExceptionNamingTheMember() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : OPERATIONS) {
            OperationModel operation = model.operation(name);
            Shape input = model.shape(operation.inputShape().orElseThrow());
            for (Shape.Member member : input.members().values()) {
                for (Violation violation : violations(member, input.required().contains(member.name()))) {
                    tests.add(DynamicTest.dynamicTest(
                            name + " " + violation.path() + ": " + violation.constraint(), () -> {
                                Map<String, JsonNode> values = baseline(input);
                                if (violation.value() == null) {
                                    values.remove(member.name());
                                } else {
                                    values.put(member.name(), violation.value());
                                }
                                RawHttp.Response response =
                                        request(operation, input, values).send(server);
                                assertThat(response.status())
                                        .as(response.message())
                                        .isEqualTo(400);
                                assertThat(response.errorType()).isEqualTo("ValidationException");
                                assertThat(response.message()).contains("'" + violation.path() + "'");
                            }));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(30);
        System.out.println("ValidationTableIT: " + tests.size() + " constraint violations over " + OPERATIONS.size()
                + " operations");
        return tests.stream();
    }

    /** One violating value per constraint of the member's shape; a null value means "leave the member out". */
    private List<Violation> violations(Shape.Member member, boolean required) {
        Shape shape = model.shape(member.shape());
        boolean label = member.location() == Shape.Location.URI;
        List<Violation> violations = new ArrayList<>();
        if (required && !label) {
            violations.add(new Violation(member.name(), "required", null));
        }
        switch (shape.type()) {
            case STRING ->
                stringViolations(member.name(), shape, label)
                        .forEach(v -> violations.add(new Violation(member.name(), v.constraint(), v.value())));
            case INTEGER -> {
                shape.min()
                        .ifPresent(min -> violations.add(
                                new Violation(member.name(), "min " + min, NODES.numberNode(min.intValue() - 1))));
                shape.max()
                        .ifPresent(max -> violations.add(
                                new Violation(member.name(), "max " + max, NODES.numberNode(max.intValue() + 1))));
            }
            case LIST -> {
                Shape element = model.shape(shape.listMember().orElseThrow());
                shape.max().ifPresent(max -> {
                    ArrayNode tooMany = NODES.arrayNode();
                    for (int i = 0; i <= max.intValue(); i++) {
                        tooMany.add("k" + i);
                    }
                    violations.add(new Violation(member.name(), "max items " + max, tooMany));
                });
                stringViolations(member.name() + "[0]", element, false)
                        .forEach(v -> violations.add(new Violation(
                                member.name() + "[0]",
                                "member " + v.constraint(),
                                NODES.arrayNode().add(v.value()))));
            }
            case MAP -> {
                Shape key = model.shape(shape.mapKey().orElseThrow());
                Shape value = model.shape(shape.mapValue().orElseThrow());
                stringViolations(member.name(), key, false)
                        .forEach(v -> violations.add(new Violation(
                                member.name(),
                                "key " + v.constraint(),
                                NODES.objectNode().put(v.value().asText(), "v"))));
                stringViolations(member.name() + ".k", value, false)
                        .forEach(v -> violations.add(new Violation(
                                member.name() + ".k",
                                "value " + v.constraint(),
                                NODES.objectNode().set("k", v.value()))));
            }
            default -> throw new AssertionError("No violations generated for " + shape.type());
        }
        return violations;
    }

    private static List<Violation> stringViolations(String path, Shape shape, boolean label) {
        List<Violation> violations = new ArrayList<>();
        shape.min()
                .filter(min -> min.intValue() > 0 && !(label && min.intValue() == 1))
                .ifPresent(min -> violations.add(
                        new Violation(path, "min length " + min, NODES.textNode("a".repeat(min.intValue() - 1)))));
        shape.max()
                .ifPresent(max -> violations.add(
                        new Violation(path, "max length " + max, NODES.textNode("a".repeat(max.intValue() + 1)))));
        shape.pattern()
                .ifPresent(pattern ->
                        violations.add(new Violation(path, "pattern", NODES.textNode(nonMatching(pattern)))));
        if (!shape.enumValues().isEmpty()) {
            violations.add(new Violation(path, "enum", NODES.textNode("NOT_A_VALUE")));
        }
        return violations;
    }

    private static String nonMatching(Pattern pattern) {
        for (String candidate : List.of("aws:reserved", "é", "!", "UPPER-and-lower")) {
            if (!pattern.matcher(candidate).matches()) {
                return candidate;
            }
        }
        throw new AssertionError("No candidate violates " + pattern);
    }

    private Map<String, JsonNode> baseline(Shape input) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (String required : input.required()) {
            Shape shape = model.shape(input.members().get(required).shape());
            values.put(
                    required,
                    switch (shape.type()) {
                        case MAP -> NODES.objectNode().put("k", "v");
                        case LIST -> NODES.arrayNode().add("k");
                        default -> VALID.get(shape.name());
                    });
        }
        return values;
    }

    /** A signed request carrying {@code values} where the operation's bindings put them. */
    private RawHttp.Request request(OperationModel operation, Shape input, Map<String, JsonNode> values)
            throws Exception {
        String path = operation.uri().toString();
        StringBuilder query = new StringBuilder();
        ObjectNode body = NODES.objectNode();
        for (Shape.Member member : input.members().values()) {
            JsonNode value = values.get(member.name());
            if (value == null) {
                continue;
            }
            switch (member.location()) {
                case URI -> path = path.replace("{" + member.locationName() + "}", encode(value.asText()));
                case QUERYSTRING -> {
                    for (JsonNode item : value.isArray() ? value : List.of(value)) {
                        query.append(query.isEmpty() ? "" : "&")
                                .append(member.locationName())
                                .append('=')
                                .append(encode(item.asText()));
                    }
                }
                default -> body.set(member.name(), value);
            }
        }
        RawHttp.Request request = new RawHttp.Request(server)
                .method(operation.httpMethod())
                .path(path)
                .query(query.toString());
        return body.isEmpty() && !operation.httpMethod().equals("POST")
                ? request
                : request.body(JSON.writeValueAsString(body));
    }

    private static String encode(String value) {
        return software.amazon.awssdk.utils.http.SdkHttpUtils.urlEncode(value);
    }
}
