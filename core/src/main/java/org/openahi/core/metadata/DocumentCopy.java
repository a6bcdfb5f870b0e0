package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.IMAGE_FRAMES;
import static org.openahi.core.metadata.DocumentFields.INSTANCES;
import static org.openahi.core.metadata.DocumentFields.PATIENT;
import static org.openahi.core.metadata.DocumentFields.SERIES;
import static org.openahi.core.metadata.DocumentFields.STUDY;
import static org.openahi.core.metadata.DocumentFields.allSeries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.work.FailureCode;

/**
 * What CopyImageSet copies (AHI §6): every instance of the source, or the subset its {@code copiableAttributes}
 * names ({@code {"SchemaVersion":"1.1","Study":{"Series":{"<uid>":{"Instances":{"<sop>":{}}}}}}}), into a new
 * document or merged into the destination's. Merging refuses sources whose Patient, Study or Series identity
 * differs from the destination's unless forced; forced, the destination keeps its own Patient, Study and Series
 * attributes and the copied instances take them. Unforced, every instance keeps its own values where they differ
 * from the merged levels ({@link LevelAttributes}).
 */
public final class DocumentCopy {
    private final Optional<ObjectNode> selection;

    private DocumentCopy(Optional<ObjectNode> selection) {
        this.selection = selection;
    }

    /** Every instance of the source. */
    public static DocumentCopy all() {
        return new DocumentCopy(Optional.empty());
    }

    /** The instances {@code copiableAttributes} names; malformed JSON is an {@link InvalidRequest}. */
    public static DocumentCopy of(String copiableAttributes) {
        try {
            return new DocumentCopy(Optional.of(
                    MetadataTrees.read(new ByteArrayInputStream(copiableAttributes.getBytes(StandardCharsets.UTF_8)))));
        } catch (IOException e) {
            throw new InvalidRequest("copiableAttributes is not a JSON object: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public static DocumentCopy fromJson(JsonNode selection) {
        return selection == null || selection.isNull() ? all() : new DocumentCopy(Optional.of((ObjectNode) selection));
    }

    /** The selection as JSON for the pending work (null for every instance). */
    public JsonNode toJson() {
        return selection.orElse(null);
    }

    /**
     * The source document reduced to the selected instances, with the selection checked against it: only
     * SchemaVersion and Study.Series.*.Instances.* may be named, and each must exist.
     */
    public ObjectNode select(JsonNode source) {
        ObjectNode copied = source.deepCopy();
        if (selection.isEmpty()) {
            return copied;
        }
        List<String> violations = new ArrayList<>();
        ObjectNode wanted = selection.get();
        for (Map.Entry<String, JsonNode> field : wanted.properties()) {
            switch (field.getKey()) {
                case "SchemaVersion" -> {
                    if (!field.getValue().asText().equals(ImageSetDocument.SCHEMA_VERSION)) {
                        violations.add("copiableAttributes.SchemaVersion must be 1.1");
                    }
                }
                case STUDY ->
                    field.getValue().properties().forEach(studyField -> {
                        if (!studyField.getKey().equals(SERIES)) {
                            violations.add("copiableAttributes.Study." + studyField.getKey()
                                    + ": only Series can be selected");
                        }
                    });
                default ->
                    violations.add("copiableAttributes." + field.getKey() + ": only Study.Series can be selected");
            }
        }
        JsonNode wantedSeries = allSeries(wanted);
        if (wantedSeries.isEmpty()) {
            violations.add("copiableAttributes selects no series");
        }
        ObjectNode allSeries = (ObjectNode) allSeries(copied);
        for (Map.Entry<String, JsonNode> series : wantedSeries.properties()) {
            String path = "copiableAttributes.Study.Series." + series.getKey();
            if (!allSeries.has(series.getKey())) {
                violations.add(path + ": no such series in the source image set");
                continue;
            }
            JsonNode wantedInstances = series.getValue().path(INSTANCES);
            if (wantedInstances.isEmpty()) {
                violations.add(path + " selects no instances");
            }
            ObjectNode instances = (ObjectNode) allSeries.path(series.getKey()).path(INSTANCES);
            wantedInstances.fieldNames().forEachRemaining(sop -> {
                if (!instances.has(sop)) {
                    violations.add(path + ".Instances." + sop + ": no such instance in the source image set");
                }
            });
            instances.retain(fieldNames(wantedInstances));
        }
        allSeries.retain(fieldNames(wantedSeries));
        if (!violations.isEmpty()) {
            throw new InvalidRequest("Invalid copiableAttributes: " + String.join("; ", violations));
        }
        return copied;
    }

    /** The selected source as the first document of a new image set. */
    public static ObjectNode asNewImageSet(ObjectNode selected, String imageSetId) {
        selected.put("ImageSetID", imageSetId);
        return selected;
    }

    /** AHI's copy refusals have two spaces after the code; clients compare the text, so it stays so. */
    private static String refusal(String text) {
        return FailureCode.INVALID_REQUEST.message(" " + text);
    }

    /**
     * The destination with the selected instances added, or why they cannot be: as AHI words it
     * ({@code INVALID_REQUEST:  Series of SourceImageSet and DestinationImageSet don't match.}).
     */
    public static Merge merge(JsonNode destination, ObjectNode selected, boolean force) {
        if (!force) {
            for (String level : List.of(PATIENT, STUDY, SERIES)) {
                if (!Objects.equals(identity(destination, level), identity(selected, level))) {
                    return new Merge(
                            Optional.empty(),
                            Optional.of(refusal(level + " of SourceImageSet and DestinationImageSet don't match.")));
                }
            }
        }
        ObjectNode merged = destination.deepCopy();
        Map.Entry<String, JsonNode> target =
                MetadataTrees.series(merged).iterator().next();
        ObjectNode instances = (ObjectNode) target.getValue().path(INSTANCES);
        ObjectNode destinationLevels = levels(merged);
        ObjectNode sourceLevels = levels(selected);
        ObjectNode newLevels = destinationLevels.deepCopy();
        Map<String, ObjectNode> copied = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> series : MetadataTrees.series(selected)) {
            for (Map.Entry<String, JsonNode> instance :
                    series.getValue().path(INSTANCES).properties()) {
                if (instances.has(instance.getKey())) {
                    return new Merge(
                            Optional.empty(),
                            Optional.of(refusal("SOP instance " + instance.getKey()
                                    + " of SourceImageSet already exists in DestinationImageSet.")));
                }
                copied.put(instance.getKey(), (ObjectNode) instance.getValue());
            }
        }
        if (!force) {
            Set<String> keys = new LinkedHashSet<>();
            newLevels.fieldNames().forEachRemaining(keys::add);
            copied.values()
                    .forEach(instance -> LevelAttributes.retainPresentIn(
                            keys, LevelAttributes.effective(sourceLevels, instance.path("DICOM"))));
            newLevels.retain(keys);
            for (JsonNode instance : instances) {
                rebase(instance, destinationLevels, newLevels);
            }
            setLevels(merged, target.getValue(), newLevels);
        }
        for (Map.Entry<String, ObjectNode> instance : copied.entrySet()) {
            // Forced, the copied instances take the destination's Patient, Study and Series attributes.
            rebase(instance.getValue(), force ? null : sourceLevels, newLevels);
            instances.set(instance.getKey(), instance.getValue());
        }
        return new Merge(Optional.of(merged), Optional.empty());
    }

    private static ObjectNode levels(JsonNode document) {
        return LevelAttributes.merged(
                document.path(PATIENT).path("DICOM"),
                document.path(STUDY).path("DICOM"),
                MetadataTrees.series(document).iterator().next().getValue().path("DICOM"));
    }

    private static void setLevels(ObjectNode document, JsonNode series, ObjectNode levels) {
        ((ObjectNode) document.path(PATIENT)).set("DICOM", LevelAttributes.level(levels, MetadataLevel.PATIENT));
        ((ObjectNode) document.path(STUDY)).set("DICOM", LevelAttributes.level(levels, MetadataLevel.STUDY));
        ((ObjectNode) series).set("DICOM", LevelAttributes.level(levels, MetadataLevel.SERIES));
    }

    /** Gives an instance's own attributes for new levels, from the levels it {@code had} (null: drops them). */
    private static void rebase(JsonNode instance, ObjectNode had, ObjectNode levels) {
        if (instance.path("DICOM") instanceof ObjectNode own) {
            ObjectNode effective = had == null ? levels : LevelAttributes.effective(had, own);
            LevelAttributes.rebase(own, effective, levels);
        }
    }

    /** The outcome of a merge: the merged document, or the failure message. */
    public record Merge(Optional<ObjectNode> document, Optional<String> failure) {}

    /** The image frame ids of a document's instances. */
    public static List<String> frameIds(JsonNode document) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonNode> series : MetadataTrees.series(document)) {
            for (JsonNode instance : series.getValue().path(INSTANCES)) {
                for (JsonNode frame : instance.path(IMAGE_FRAMES)) {
                    ids.add(frame.path("ID").asText());
                }
            }
        }
        return ids;
    }

    /** The grouping attributes of one level (AHI's image set identity), normalized as the import compares them. */
    private static List<String> identity(JsonNode document, String level) {
        return switch (level) {
            case PATIENT -> values(document.path(PATIENT).path("DICOM"), "PatientID");
            case STUDY ->
                values(
                        document.path(STUDY).path("DICOM"),
                        "StudyInstanceUID",
                        "StudyDate",
                        "AccessionNumber",
                        "StudyID");
            default -> {
                Map.Entry<String, JsonNode> series =
                        MetadataTrees.series(document).iterator().next();
                List<String> values = new ArrayList<>(List.of(series.getKey()));
                values.addAll(values(series.getValue().path("DICOM"), "SeriesNumber"));
                yield values;
            }
        };
    }

    private static List<String> values(JsonNode attributes, String... keywords) {
        List<String> values = new ArrayList<>();
        for (String keyword : keywords) {
            JsonNode value = attributes.path(keyword);
            values.add(
                    value.isValueNode() && !value.isNull()
                            ? value.asText().replace("\0", "").strip()
                            : "");
        }
        return values;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
