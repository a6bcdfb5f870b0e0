package org.openahi.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Patient, Study and Series attributes of an image set and the instances that differ from them. A metadata
 * document holds each such attribute once, at its level, as AHI's metadata normalization does; an instance whose own
 * value differs keeps its value in its own {@code DICOM} (where readers that lay the instance over the levels, as
 * DICOMweb does, find it), and a level holds only attributes every instance has, so that no instance gains one.
 * Together the levels and an instance's own attributes give back exactly the instance's attributes.
 */
final class LevelAttributes {
    private LevelAttributes() {}

    /** Whether a top-level key of an instance's {@code DICOM} names a Patient, Study or Series attribute. */
    static boolean isLevelKey(String key) {
        Optional<Integer> tag = AttributeKeys.tagOf(key);
        return tag.isPresent() && MetadataLevel.of(tag.get()) != MetadataLevel.INSTANCE;
    }

    /**
     * An instance's level attributes: the levels' ({@code levels} maps every key of the three levels to its value),
     * each replaced by the instance's own value where its {@code DICOM} holds one.
     */
    static ObjectNode effective(ObjectNode levels, JsonNode instanceDicom) {
        ObjectNode effective = levels.deepCopy();
        instanceDicom.properties().forEach(attribute -> {
            if (isLevelKey(attribute.getKey())) {
                effective.set(attribute.getKey(), attribute.getValue());
            }
        });
        return effective;
    }

    /**
     * Rewrites an instance's {@code DICOM} for new levels: it holds, besides its instance attributes, exactly those of
     * its level attributes ({@code effective}) that the new levels lack or hold with another value.
     */
    static void rebase(ObjectNode instanceDicom, ObjectNode effective, ObjectNode newLevels) {
        List<String> keys = new ArrayList<>();
        instanceDicom.fieldNames().forEachRemaining(keys::add);
        keys.stream().filter(LevelAttributes::isLevelKey).forEach(instanceDicom::remove);
        for (Map.Entry<String, JsonNode> attribute : effective.properties()) {
            if (!attribute.getValue().equals(newLevels.get(attribute.getKey()))) {
                instanceDicom.set(attribute.getKey(), attribute.getValue());
            }
        }
    }

    /** Removes from {@code levelKeys} those an instance's level attributes ({@link #effective}) lack. */
    static void retainPresentIn(Set<String> levelKeys, JsonNode effective) {
        levelKeys.removeIf(key -> !effective.has(key));
    }

    /** The three level objects merged into one object (their keys never overlap). */
    static ObjectNode merged(JsonNode patient, JsonNode study, JsonNode series) {
        ObjectNode merged = MetadataTrees.object();
        for (JsonNode level : List.of(patient, study, series)) {
            level.properties().forEach(attribute -> merged.set(attribute.getKey(), attribute.getValue()));
        }
        return merged;
    }

    /** The attributes of {@code level} from merged levels. */
    static ObjectNode level(ObjectNode merged, MetadataLevel level) {
        ObjectNode object = MetadataTrees.object();
        merged.properties().forEach(attribute -> {
            if (AttributeKeys.tagOf(attribute.getKey()).map(MetadataLevel::of).orElse(MetadataLevel.INSTANCE)
                    == level) {
                object.set(attribute.getKey(), attribute.getValue());
            }
        });
        return object;
    }
}
