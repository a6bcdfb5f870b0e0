package org.openahi.core.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.metadata.AppliedOverride;
import org.openahi.core.metadata.MetadataLevel;
import org.openahi.core.metadata.MetadataTrees;

/**
 * The attributes a file took from metadata mappings, as the job's manifests list them (member
 * {@code metadataOverrides} of its SUCCESS or WARNING line) and as its outcome row keeps them: objects of
 * {@code metadataFilePath}, {@code level}, {@code attribute}, {@code value} and, when the file had one,
 * {@code previous}.
 */
public final class OverrideRecords {
    private OverrideRecords() {}

    public static ArrayNode toJson(List<AppliedOverride> overrides) {
        ArrayNode array = MetadataTrees.object().arrayNode();
        for (AppliedOverride override : overrides) {
            ObjectNode item = array.addObject()
                    .put("metadataFilePath", override.source())
                    .put("level", override.level().name())
                    .put("attribute", override.attribute());
            override.previous().ifPresent(previous -> item.set("previous", previous));
            item.set("value", override.value());
        }
        return array;
    }

    /** The text an outcome row keeps; null when there is nothing to keep. */
    public static String write(List<AppliedOverride> overrides) {
        if (overrides.isEmpty()) {
            return null;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MetadataTrees.write(out, MetadataTrees.object().set("overrides", toJson(overrides)));
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<AppliedOverride> read(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            JsonNode array = MetadataTrees.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .path("overrides");
            List<AppliedOverride> overrides = new ArrayList<>();
            for (JsonNode item : array) {
                overrides.add(new AppliedOverride(
                        item.path("metadataFilePath").asText(),
                        MetadataLevel.valueOf(item.path("level").asText()),
                        item.path("attribute").asText(),
                        Optional.ofNullable(item.get("previous")),
                        item.get("value")));
            }
            return overrides;
        } catch (IOException e) {
            throw new UncheckedIOException("An import outcome's metadata overrides are not readable", e);
        }
    }
}
