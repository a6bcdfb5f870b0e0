package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.INSTANCES;
import static org.openahi.core.metadata.DocumentFields.allSeries;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Metadata documents as trees, for the operations that rewrite them (update, copy). Numbers are read as exact
 * decimals, so a value no edit touched is written back with its value unchanged, never rounded through a double.
 */
public final class MetadataTrees {
    // JsonNodeFactory.withExactBigDecimals is deprecated since Jackson 2.15 in favour of JsonNodeFeature.
    // STRIP_TRAILING_BIGDECIMAL_ZEROES; kept until the replacement is shown to write the same digits.
    @SuppressWarnings("deprecation")
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private MetadataTrees() {}

    /** Parses a document or an edit; anything but a JSON object is an {@link IOException}. */
    public static ObjectNode read(InputStream json) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A streaming parser whose {@code readValueAsTree} gives trees as {@link #read} does. */
    static JsonParser parser(InputStream json) throws IOException {
        return JSON.createParser(json);
    }

    /** A streaming generator that also writes trees; {@code out} stays open. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return JSON.createGenerator(out);
    }

    /** Writes the tree; {@code out} stays open. */
    public static void write(OutputStream out, JsonNode document) throws IOException {
        JSON.writeValue(out, document);
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The series of a document: Series Instance UID → series node. */
    public static Iterable<Map.Entry<String, JsonNode>> series(JsonNode document) {
        return allSeries(document).properties();
    }

    public static int instanceCount(JsonNode document) {
        int count = 0;
        for (Map.Entry<String, JsonNode> series : series(document)) {
            count += series.getValue().path(INSTANCES).size();
        }
        return count;
    }
}
