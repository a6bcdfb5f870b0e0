package org.openahi.server.aws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An operation's input document after binding and validation, with typed accessors for handlers. */
public final class Input {
  private final ObjectNode document;

  public Input(ObjectNode document) {
    this.document = document;
  }

  /** A member the model marks required (validation has already checked it is present). */
  public String string(String member) {
    return optionalString(member).orElseThrow(() -> new IllegalStateException("Required member " + member + " is absent"));
  }

  public Optional<String> optionalString(String member) {
    JsonNode value = document.get(member);
    return value == null ? Optional.empty() : Optional.of(value.asText());
  }

  public Optional<Integer> optionalInt(String member) {
    JsonNode value = document.get(member);
    return value == null ? Optional.empty() : Optional.of(value.intValue());
  }

  public Optional<Boolean> optionalBoolean(String member) {
    JsonNode value = document.get(member);
    return value == null ? Optional.empty() : Optional.of(value.booleanValue());
  }

  public Map<String, String> stringMap(String member) {
    Map<String, String> map = new LinkedHashMap<>();
    JsonNode value = document.get(member);
    if (value != null) {
      value.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
    }
    return map;
  }

  public List<String> stringList(String member) {
    List<String> list = new ArrayList<>();
    JsonNode value = document.get(member);
    if (value != null) {
      value.forEach(element -> list.add(element.asText()));
    }
    return list;
  }

  public Optional<JsonNode> node(String member) {
    return Optional.ofNullable(document.get(member));
  }
}
