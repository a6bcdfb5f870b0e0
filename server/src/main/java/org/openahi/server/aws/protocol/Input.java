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
    public String string(InputMember member) {
        return optionalString(member)
                .orElseThrow(() -> new IllegalStateException("Required member " + member + " is absent"));
    }

    public Optional<String> optionalString(InputMember member) {
        return node(member).map(JsonNode::asText);
    }

    public Optional<Integer> optionalInt(InputMember member) {
        return node(member).map(JsonNode::intValue);
    }

    public Optional<Boolean> optionalBoolean(InputMember member) {
        return node(member).map(JsonNode::booleanValue);
    }

    public Map<String, String> stringMap(InputMember member) {
        Map<String, String> map = new LinkedHashMap<>();
        node(member)
                .ifPresent(value -> value.properties()
                        .forEach(entry ->
                                map.put(entry.getKey(), entry.getValue().asText())));
        return map;
    }

    public List<String> stringList(InputMember member) {
        List<String> list = new ArrayList<>();
        node(member).ifPresent(value -> value.forEach(element -> list.add(element.asText())));
        return list;
    }

    /** The member's value, following its path through nested structures; empty when any step is absent. */
    public Optional<JsonNode> node(InputMember member) {
        JsonNode value = document;
        for (String step : member.path()) {
            value = value.get(step);
            if (value == null) {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }
}
