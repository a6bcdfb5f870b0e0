package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.INSTANCES;
import static org.openahi.core.metadata.DocumentFields.PATIENT;
import static org.openahi.core.metadata.DocumentFields.SERIES;
import static org.openahi.core.metadata.DocumentFields.STUDY;
import static org.openahi.core.metadata.DocumentFields.allSeries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.openahi.core.error.InvalidRequest;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;

/**
 * An UpdateImageSetMetadata edit (AHI §5): an {@code updatableAttributes} document that sets attributes and a
 * {@code removableAttributes} document that removes attributes, instances or series, both shaped like the
 * metadata document ({@code SchemaVersion}, {@code Patient.DICOM}, {@code Study.DICOM},
 * {@code Study.Series[uid].DICOM}, {@code ...Instances[sop].DICOM / DICOMVRs}). {@link #apply} checks AHI's
 * rules against the document the edit applies to and produces the edited document.
 */
public final class MetadataEdit {
    /** How the edit is made: with {@code force}, to a primary image set or not. */
    public record Options(boolean force, boolean primary) {}

    private final ObjectNode updatable;
    private final ObjectNode removable;

    private MetadataEdit(ObjectNode updatable, ObjectNode removable) {
        this.updatable = updatable;
        this.removable = removable;
    }

    /** Parses the two attribute documents (either may be absent); malformed JSON is an {@link InvalidRequest}. */
    public static MetadataEdit parse(byte[] updatable, byte[] removable) {
        return new MetadataEdit(object("updatableAttributes", updatable), object("removableAttributes", removable));
    }

    /** The edit as JSON, to be kept with the pending work. */
    public ObjectNode toJson() {
        ObjectNode json = MetadataTrees.object();
        json.set("updatableAttributes", updatable);
        json.set("removableAttributes", removable);
        return json;
    }

    public static MetadataEdit fromJson(JsonNode json) {
        return new MetadataEdit(
                (ObjectNode) json.get("updatableAttributes"), (ObjectNode) json.get("removableAttributes"));
    }

    /**
     * The Study-level part of the edit: what includeStudyImageSets carries to the study's other primary image sets
     * (Patient-level attributes of primary image sets do not change).
     */
    public MetadataEdit studyPart() {
        return new MetadataEdit(studyPart(updatable), studyPart(removable));
    }

    /**
     * The document with the edit applied, after every rule was checked against it; all violations are reported at
     * once as an {@link InvalidRequest}. The given document is left unchanged.
     */
    public ObjectNode apply(JsonNode document, Options options) {
        EditRules rules = new EditRules(options);
        List<String> violations = new ArrayList<>();
        walk(updatable, document, false, rules, violations);
        walk(removable, document, true, rules, violations);
        ObjectNode edited = null;
        if (violations.isEmpty()) {
            edited = document.deepCopy();
            applyUpdates(edited);
            applyRemovals(edited);
            if (MetadataTrees.instanceCount(edited) == 0) {
                violations.add("the edit would leave the image set without instances");
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequest("Invalid metadata update: "
                    + String.join("; ", violations.subList(0, Math.min(violations.size(), 10)))
                    + (violations.size() > 10 ? " (and " + (violations.size() - 10) + " more)" : ""));
        }
        return edited;
    }

    private void walk(ObjectNode edit, JsonNode document, boolean removal, EditRules rules, List<String> violations) {
        String part = removal ? "removableAttributes" : "updatableAttributes";
        for (Map.Entry<String, JsonNode> field : edit.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "SchemaVersion" -> {
                    if (!value.asText().equals(ImageSetDocument.SCHEMA_VERSION)) {
                        violations.add(part + ".SchemaVersion must be 1.1");
                    }
                }
                case PATIENT -> walkLevel(value, MetadataLevel.PATIENT, part + ".Patient", removal, rules, violations);
                case STUDY -> walkStudy(value, document, part + ".Study", removal, rules, violations);
                default ->
                    violations.add(part + "." + field.getKey() + " is not part of a metadata document"
                            + (Set.of("DatastoreID", "ImageSetID").contains(field.getKey())
                                    ? " that can be changed"
                                    : ""));
            }
        }
    }

    private void walkStudy(
            JsonNode study, JsonNode document, String path, boolean removal, EditRules rules, List<String> violations) {
        for (Map.Entry<String, JsonNode> field : study.properties()) {
            if (field.getKey().equals("DICOM")) {
                rules.checkAttributes(field.getValue(), MetadataLevel.STUDY, path + ".DICOM", removal, violations);
            } else if (field.getKey().equals(SERIES)) {
                for (Map.Entry<String, JsonNode> series : field.getValue().properties()) {
                    String seriesPath = path + ".Series." + series.getKey();
                    JsonNode existing = allSeries(document).path(series.getKey());
                    if (existing.isMissingNode()) {
                        violations.add(seriesPath + ": no such series in the image set");
                        continue;
                    }
                    if (!removal) {
                        checkRename(
                                series.getValue(),
                                "SeriesInstanceUID",
                                series.getKey(),
                                allSeries(document),
                                seriesPath,
                                violations);
                    }
                    walkSeries(series.getValue(), existing, seriesPath, removal, rules, violations);
                }
            } else {
                violations.add(path + "." + field.getKey() + " is not part of a metadata document");
            }
        }
    }

    private void walkSeries(
            JsonNode series,
            JsonNode existing,
            String path,
            boolean removal,
            EditRules rules,
            List<String> violations) {
        if (removal && series.isEmpty()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : series.properties()) {
            if (field.getKey().equals("DICOM")) {
                rules.checkAttributes(field.getValue(), MetadataLevel.SERIES, path + ".DICOM", removal, violations);
            } else if (field.getKey().equals(INSTANCES)) {
                for (Map.Entry<String, JsonNode> instance : field.getValue().properties()) {
                    String instancePath = path + ".Instances." + instance.getKey();
                    if (existing.path(INSTANCES).path(instance.getKey()).isMissingNode()) {
                        violations.add(instancePath + ": no such instance in the image set");
                        continue;
                    }
                    if (!removal) {
                        checkRename(
                                instance.getValue(),
                                "SOPInstanceUID",
                                instance.getKey(),
                                existing.path(INSTANCES),
                                instancePath,
                                violations);
                    }
                    walkInstance(instance.getValue(), instancePath, removal, rules, violations);
                }
            } else {
                violations.add(path + "." + field.getKey() + " is not part of a metadata document");
            }
        }
    }

    private void walkInstance(
            JsonNode instance, String path, boolean removal, EditRules rules, List<String> violations) {
        if (removal && instance.isEmpty()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : instance.properties()) {
            switch (field.getKey()) {
                case "DICOM" ->
                    rules.checkAttributes(
                            field.getValue(), MetadataLevel.INSTANCE, path + ".DICOM", removal, violations);
                case "DICOMVRs" -> rules.checkVrs(field.getValue(), path + ".DICOMVRs", violations);
                default -> violations.add(path + "." + field.getKey() + " cannot be changed");
            }
        }
    }

    private void walkLevel(
            JsonNode level,
            MetadataLevel expected,
            String path,
            boolean removal,
            EditRules rules,
            List<String> violations) {
        for (Map.Entry<String, JsonNode> field : level.properties()) {
            if (field.getKey().equals("DICOM")) {
                rules.checkAttributes(field.getValue(), expected, path + ".DICOM", removal, violations);
            } else {
                violations.add(path + "." + field.getKey() + " is not part of a metadata document");
            }
        }
    }

    /** A series or instance given a new UID may not take the key of another one. */
    private static void checkRename(
            JsonNode edit, String uidKeyword, String key, JsonNode siblings, String path, List<String> violations) {
        JsonNode uid = edit.path("DICOM").path(uidKeyword);
        if (uid.isTextual()
                && !uid.asText().strip().equals(key)
                && siblings.has(uid.asText().strip())) {
            violations.add(path + ": " + uidKeyword + " " + uid.asText().strip() + " already names another one");
        }
    }

    private void applyUpdates(ObjectNode document) {
        JsonNode patient = updatable.path(PATIENT).path("DICOM");
        copyAttributes(patient, objectAt(document, PATIENT, "DICOM"));
        JsonNode study = updatable.path(STUDY);
        copyAttributes(study.path("DICOM"), objectAt(document, STUDY, "DICOM"));
        for (Map.Entry<String, JsonNode> series : MetadataTrees.series(document)) {
            forInstances(series.getValue(), instance -> {
                dropOwnValues(instance, patient, false);
                dropOwnValues(instance, study.path("DICOM"), false);
            });
        }
        for (Map.Entry<String, JsonNode> series : study.path(SERIES).properties()) {
            ObjectNode seriesNode = (ObjectNode) allSeries(document).path(series.getKey());
            copyAttributes(series.getValue().path("DICOM"), objectAt(seriesNode, "DICOM"));
            forInstances(
                    seriesNode,
                    instance -> dropOwnValues(instance, series.getValue().path("DICOM"), false));
            for (Map.Entry<String, JsonNode> instance :
                    series.getValue().path(INSTANCES).properties()) {
                ObjectNode instanceNode =
                        (ObjectNode) seriesNode.path(INSTANCES).path(instance.getKey());
                instance.getValue()
                        .path("DICOM")
                        .fieldNames()
                        .forEachRemaining(key -> forgetVrs(instanceNode, key, false));
                copyAttributes(instance.getValue().path("DICOM"), objectAt(instanceNode, "DICOM"));
                copyAttributes(instance.getValue().path("DICOMVRs"), objectAt(instanceNode, "DICOMVRs"));
            }
            renameChanged((ObjectNode) seriesNode.path(INSTANCES), "SOPInstanceUID");
        }
        renameChanged((ObjectNode) allSeries(document), "SeriesInstanceUID");
    }

    private void applyRemovals(ObjectNode document) {
        JsonNode patient = removable.path(PATIENT).path("DICOM");
        removeAttributes(patient, document.path(PATIENT).path("DICOM"));
        JsonNode study = removable.path(STUDY);
        removeAttributes(study.path("DICOM"), document.path(STUDY).path("DICOM"));
        for (Map.Entry<String, JsonNode> series : MetadataTrees.series(document)) {
            forInstances(series.getValue(), instance -> {
                dropOwnValues(instance, patient, true);
                dropOwnValues(instance, study.path("DICOM"), true);
            });
        }
        ObjectNode allSeries = (ObjectNode) allSeries(document);
        for (Map.Entry<String, JsonNode> series : study.path(SERIES).properties()) {
            if (series.getValue().isEmpty()) {
                allSeries.remove(series.getKey());
                continue;
            }
            JsonNode seriesNode = allSeries.path(series.getKey());
            removeAttributes(series.getValue().path("DICOM"), seriesNode.path("DICOM"));
            forInstances(
                    seriesNode,
                    instance -> dropOwnValues(instance, series.getValue().path("DICOM"), true));
            for (Map.Entry<String, JsonNode> instance :
                    series.getValue().path(INSTANCES).properties()) {
                ObjectNode instances = (ObjectNode) seriesNode.path(INSTANCES);
                if (instance.getValue().isEmpty()) {
                    instances.remove(instance.getKey());
                } else if (instances.path(instance.getKey()) instanceof ObjectNode instanceNode) {
                    removeAttributes(instance.getValue().path("DICOM"), instanceNode.path("DICOM"));
                    instance.getValue()
                            .path("DICOM")
                            .fieldNames()
                            .forEachRemaining(key -> forgetVrs(instanceNode, key, true));
                }
            }
        }
    }

    private static void forInstances(JsonNode series, Consumer<ObjectNode> action) {
        for (JsonNode instance : series.path(INSTANCES)) {
            if (instance instanceof ObjectNode object) {
                action.accept(object);
            }
        }
    }

    /**
     * A level attribute an edit sets or removes applies to every instance: an instance's own value of it (kept where
     * the instance differed from the level, see {@link LevelAttributes}) goes, with the VRs it recorded.
     */
    private static void dropOwnValues(ObjectNode instance, JsonNode levelEdit, boolean removal) {
        levelEdit.fieldNames().forEachRemaining(key -> {
            if (instance.path("DICOM") instanceof ObjectNode dicom) {
                dicom.remove(key);
            }
            forgetVrs(instance, key, removal);
        });
    }

    /**
     * Forgets the VRs an instance recorded for an attribute an edit replaces or removes: those of the elements in its
     * items, and its own unless the edit keeps it and it is one the dictionary allows (an ambiguous "US or SS" keeps
     * the sign the file gave it; a VR the file gave against the dictionary does not fit the edit's value).
     */
    private static void forgetVrs(ObjectNode instance, String key, boolean removal) {
        if (!(instance.path("DICOMVRs") instanceof ObjectNode vrs)) {
            return;
        }
        AttributeKeys.tagOf(key).ifPresent(tag -> {
            String own = AttributeKeys.vrKey("", tag);
            List<String> keys = new ArrayList<>();
            vrs.fieldNames().forEachRemaining(keys::add);
            keys.stream().filter(vrKey -> vrKey.startsWith(own + ".")).forEach(vrs::remove);
            DictionaryEntry entry = Dictionary.entry(tag);
            boolean dictionaryAllows = entry == null
                    || entry.vrs().stream()
                            .anyMatch(vr -> vr.name().equals(vrs.path(own).asText()));
            if (removal || !dictionaryAllows) {
                vrs.remove(own);
            }
        });
    }

    /** A series or instance whose UID attribute was changed moves to the key of its new UID. */
    private static void renameChanged(ObjectNode entries, String uidKeyword) {
        List<String> keys = new ArrayList<>();
        entries.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode uid = entries.path(key).path("DICOM").path(uidKeyword);
            if (uid.isTextual() && !uid.asText().strip().equals(key)) {
                entries.set(uid.asText().strip(), entries.remove(key));
            }
        }
    }

    private static void copyAttributes(JsonNode from, ObjectNode to) {
        from.properties().forEach(field -> to.set(field.getKey(), field.getValue()));
    }

    private static void removeAttributes(JsonNode keys, JsonNode from) {
        if (from instanceof ObjectNode object) {
            keys.fieldNames().forEachRemaining(object::remove);
        }
    }

    private static ObjectNode objectAt(ObjectNode root, String... path) {
        ObjectNode node = root;
        for (String step : path) {
            node = node.has(step) && node.get(step).isObject() ? (ObjectNode) node.get(step) : node.putObject(step);
        }
        return node;
    }

    private static ObjectNode studyPart(ObjectNode edit) {
        ObjectNode part = MetadataTrees.object();
        if (edit.path(STUDY).has("DICOM")) {
            part.putObject(STUDY).set("DICOM", edit.path(STUDY).get("DICOM"));
        }
        return part;
    }

    private static ObjectNode object(String name, byte[] json) {
        if (json == null) {
            return MetadataTrees.object();
        }
        try {
            return MetadataTrees.read(new ByteArrayInputStream(json));
        } catch (IOException e) {
            throw new InvalidRequest(name + " is not a JSON object: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
