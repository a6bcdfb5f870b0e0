package org.openahi.server.aws.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openahi.server.aws.model.OperationModel;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.model.Shape;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.StreamingPayload;
import org.openahi.server.http.WireResponse;

/**
 * Serializes results and errors as restJson1 does: output members bound to headers go to headers, a
 * payload member is the whole body, the rest is a JSON document. Errors are written by {@link HttpError#response}.
 */
public final class ResponseWriter {
    private static final String JSON = "application/json";

    private final ServiceModel model;
    private final ObjectWriter writer;

    public ResponseWriter(ServiceModel model, ObjectMapper json) {
        this.model = model;
        this.writer = json.writer();
    }

    public WireResponse success(OperationModel operation, ObjectNode output) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (operation.outputShape().isEmpty()) {
            headers.put("Content-Type", JSON);
            return new WireResponse(200, headers, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Shape shape = model.shape(operation.outputShape().get());
        JsonNode payload = null;
        for (Shape.Member member : shape.members().values()) {
            if (member.location() == Shape.Location.HEADER && output.has(member.name())) {
                headers.put(member.locationName(), output.remove(member.name()).asText());
            } else if (shape.payloadMember().filter(member.name()::equals).isPresent() && output.has(member.name())) {
                payload = output.remove(member.name());
            }
        }
        if (payload == null) {
            headers.putIfAbsent("Content-Type", JSON);
            return new WireResponse(200, headers, bytes(output));
        }
        headers.putIfAbsent("Content-Type", "application/octet-stream");
        if (payload instanceof POJONode pojo && pojo.getPojo() instanceof StreamingPayload stream) {
            return WireResponse.streamed(headers, stream);
        }
        return new WireResponse(200, headers, binary(payload));
    }

    private byte[] bytes(JsonNode document) {
        try {
            return writer.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
    }

    private static byte[] binary(JsonNode value) {
        try {
            return value.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
