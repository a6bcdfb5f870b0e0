package org.openahi.server.aws.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openahi.server.aws.model.OperationModel;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.model.Shape;

/**
 * Serializes results and errors as restJson1 does: output members bound to headers go to headers, a
 * payload member is the whole body, the rest is a JSON document; errors carry {@code x-amzn-ErrorType}
 * and {@code {"message": ...}}.
 */
public final class ResponseWriter {
  private static final String JSON = "application/json";

  private final ServiceModel model;
  private final ObjectMapper json;

  public ResponseWriter(ServiceModel model, ObjectMapper json) {
    this.model = model;
    this.json = json;
  }

  public WireResponse success(OperationModel operation, ObjectNode output) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    if (operation.outputShape().isEmpty()) {
      return new WireResponse(200, headers, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Shape shape = model.shape(operation.outputShape().get());
    ObjectNode body = output.deepCopy();
    byte[] payload = null;
    for (Shape.Member member : shape.members().values()) {
      JsonNode value = body.remove(member.name());
      if (value == null) {
        continue;
      }
      if (member.location() == Shape.Location.HEADER) {
        headers.put(member.locationName(), value.asText());
      } else if (shape.payloadMember().filter(member.name()::equals).isPresent()) {
        payload = binary(value);
        headers.putIfAbsent("Content-Type", "application/octet-stream");
      } else {
        body.set(member.name(), value);
      }
    }
    return new WireResponse(200, headers, payload != null ? payload : bytes(body));
  }

  public WireResponse error(AwsError error) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    headers.put("x-amzn-ErrorType", error.type());
    return new WireResponse(error.status(), headers, bytes(json.createObjectNode().put("message", error.getMessage())));
  }

  private byte[] bytes(JsonNode document) {
    try {
      return json.writeValueAsBytes(document);
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
