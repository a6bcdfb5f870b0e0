package org.openahi.server.aws.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AWS HealthImaging service model (botocore JSON, vendored from the AWS SDKs' published model),
 * loaded once at start. Routes, bindings, constraints and error statuses all come from here.
 */
public final class ServiceModel {
    private static final String RESOURCE = "/aws/medical-imaging-2023-07-19.service.json";
    /**
     * openahi's documented extensions to the model: import input and output may also be local folders,
     * {@code file:///absolute/path/}, for the embedded mode (see README).
     */
    private static final Map<String, String> EXTENDED_PATTERNS =
            Map.of("S3Uri", "(s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?)|(file:///.*)");

    private final String signingName;
    private final Map<String, OperationModel> operations;
    private final Map<String, Shape> shapes;

    private ServiceModel(String signingName, Map<String, OperationModel> operations, Map<String, Shape> shapes) {
        this.signingName = signingName;
        this.operations = operations;
        this.shapes = shapes;
    }

    public static ServiceModel load() {
        try (InputStream in = ServiceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE + " on the classpath");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the service model " + RESOURCE, e);
        }
    }

    public String signingName() {
        return signingName;
    }

    public Map<String, OperationModel> operations() {
        return operations;
    }

    public OperationModel operation(String name) {
        OperationModel operation = operations.get(name);
        if (operation == null) {
            throw new IllegalArgumentException("No operation " + name + " in the service model");
        }
        return operation;
    }

    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("No shape " + name + " in the service model");
        }
        return shape;
    }

    public Map<String, Shape> shapes() {
        return shapes;
    }

    private static ServiceModel parse(JsonNode root) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        root.get("shapes")
                .properties()
                .forEach(entry -> shapes.put(entry.getKey(), shape(entry.getKey(), entry.getValue())));
        Map<String, OperationModel> operations = new LinkedHashMap<>();
        root.get("operations")
                .properties()
                .forEach(entry -> operations.put(entry.getKey(), operation(entry.getValue())));
        return new ServiceModel(root.at("/metadata/signingName").asText(), Map.copyOf(operations), Map.copyOf(shapes));
    }

    private static OperationModel operation(JsonNode node) {
        List<String> errors = new ArrayList<>();
        node.path("errors").forEach(error -> errors.add(error.get("shape").asText()));
        return new OperationModel(
                node.get("name").asText(),
                node.at("/http/method").asText(),
                new UriTemplate(node.at("/http/requestUri").asText()),
                text(node.at("/endpoint/hostPrefix")),
                text(node.at("/input/shape")),
                text(node.at("/output/shape")),
                List.copyOf(errors));
    }

    private static Shape shape(String name, JsonNode node) {
        Map<String, Shape.Member> members = new LinkedHashMap<>();
        node.path("members").properties().forEach(entry -> {
            JsonNode member = entry.getValue();
            Shape.Location location = text(member.path("location"))
                    .map(l -> Shape.Location.valueOf(l.toUpperCase(java.util.Locale.ROOT)))
                    .orElse(Shape.Location.BODY);
            members.put(
                    entry.getKey(),
                    new Shape.Member(
                            entry.getKey(),
                            member.get("shape").asText(),
                            location,
                            text(member.path("locationName")).orElse(entry.getKey()),
                            member.path("idempotencyToken").asBoolean(false)));
        });
        Set<String> required = new LinkedHashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        List<String> enumValues = new ArrayList<>();
        node.path("enum").forEach(e -> enumValues.add(e.asText()));
        return new Shape(
                name,
                Shape.Type.of(node.get("type").asText()),
                java.util.Collections.unmodifiableMap(members),
                Set.copyOf(required),
                number(node.path("min")),
                number(node.path("max")),
                Optional.ofNullable(EXTENDED_PATTERNS.get(name))
                        .or(() -> text(node.path("pattern")))
                        .map(Pattern::compile),
                List.copyOf(enumValues),
                text(node.at("/member/shape")),
                text(node.at("/key/shape")),
                text(node.at("/value/shape")),
                text(node.path("payload")),
                node.path("union").asBoolean(false),
                node.path("sensitive").asBoolean(false),
                node.has("error") ? Optional.of(node.at("/error/httpStatusCode").asInt()) : Optional.empty());
    }

    private static Optional<String> text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static Optional<BigDecimal> number(JsonNode node) {
        return node.isNumber() ? Optional.of(node.decimalValue()) : Optional.empty();
    }
}
