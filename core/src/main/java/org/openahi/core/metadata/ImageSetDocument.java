package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.INSTANCES;
import static org.openahi.core.metadata.DocumentFields.PATIENT;
import static org.openahi.core.metadata.DocumentFields.SERIES;
import static org.openahi.core.metadata.DocumentFields.STUDY;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes an image set's whole metadata document, streaming: the previous version's instances (when there is
 * one) are copied one at a time except those the new instances replace, then the new instances, so memory does not
 * grow with the image set.
 * The Patient, Study and Series attributes are the newest instance's, those every instance has
 * ({@link LevelAttributes}); an instance that differs keeps its own values.
 *
 * <pre>{"SchemaVersion":"1.1","DatastoreID":..,"ImageSetID":..,"Patient":{"DICOM":{..}},
 *  "Study":{"DICOM":{..},"Series":{"&lt;uid&gt;":{"DICOM":{..},"Instances":{"&lt;sop uid&gt;":{..}}}}}}</pre>
 */
public final class ImageSetDocument {
    public static final String SCHEMA_VERSION = "1.1";

    private ImageSetDocument() {}

    /** Opens the previous version's document (uncompressed JSON); it is read twice. */
    @FunctionalInterface
    public interface Previous {
        InputStream open() throws IOException;
    }

    /** The instances a document adds to its previous version's, read (once) as they are written. */
    public interface Additions {
        /** The series the document names: the newest instance's. */
        String seriesInstanceUid();

        /** The SOP Instance UIDs of every addition: those instances of the previous version are replaced. */
        Set<String> sopInstanceUids();

        /** Hands over each addition in document order, each SOP Instance UID once. */
        void forEach(Consumer each) throws IOException;

        /** Receives one addition. */
        @FunctionalInterface
        interface Consumer {
            void accept(InstanceMetadata instance) throws IOException;
        }

        /** Additions held in a list, oldest first. */
        static Additions of(List<InstanceMetadata> added) {
            Set<String> uids =
                    added.stream().map(InstanceMetadata::sopInstanceUid).collect(Collectors.toSet());
            return new Additions() {
                @Override
                public String seriesInstanceUid() {
                    return added.get(added.size() - 1).seriesInstanceUid();
                }

                @Override
                public Set<String> sopInstanceUids() {
                    return uids;
                }

                @Override
                public void forEach(Consumer each) throws IOException {
                    for (InstanceMetadata instance : added) {
                        each.accept(instance);
                    }
                }
            };
        }
    }

    /** An added instance as trees: its level attributes merged, and its entry. */
    private record Added(String sopInstanceUid, ObjectNode levels, ObjectNode entry) {
        static Added of(InstanceMetadata instance) throws IOException {
            ObjectNode levels =
                    LevelAttributes.merged(tree(instance.patient()), tree(instance.study()), tree(instance.series()));
            return new Added(instance.sopInstanceUid(), levels, tree(instance.instance()));
        }
    }

    /**
     * @param previous the previous version's document, or null for a new image set
     * @param added the instances of the new version that are new or replace earlier ones, oldest first
     */
    public static void write(
            OutputStream out, String datastoreId, String imageSetId, Previous previous, List<InstanceMetadata> added)
            throws IOException {
        ObjectNode levels = levels(previous == null ? null : levels(previous), added);
        write(out, datastoreId, imageSetId, previous, levels, Additions.of(added));
    }

    /**
     * The Patient, Study and Series attributes (merged into one object) of a document adding {@code added} to one with
     * {@code previousLevels} (null for a new image set): the newest instance's, those every instance has.
     */
    public static ObjectNode levels(ObjectNode previousLevels, List<InstanceMetadata> added) throws IOException {
        List<ObjectNode> instances = new ArrayList<>();
        for (InstanceMetadata instance : added) {
            instances.add(Added.of(instance).levels());
        }
        ObjectNode newest = instances.get(instances.size() - 1);
        Set<String> keys = new LinkedHashSet<>();
        newest.fieldNames().forEachRemaining(keys::add);
        instances.forEach(instance -> LevelAttributes.retainPresentIn(keys, instance));
        if (previousLevels != null) {
            LevelAttributes.retainPresentIn(keys, previousLevels);
        }
        return newest.deepCopy().retain(keys);
    }

    /**
     * Writes the document whose Patient, Study and Series attributes are {@code levels} (as {@link #levels} gave them):
     * the previous version's instances but those the additions replace, then the additions, each rebased onto the
     * levels. Memory holds one instance at a time.
     *
     * @param previous the previous version's document, or null for none
     */
    public static void write(
            OutputStream out,
            String datastoreId,
            String imageSetId,
            Previous previous,
            ObjectNode levels,
            Additions added)
            throws IOException {
        ObjectNode oldLevels = previous == null ? null : levels(previous);
        try (JsonGenerator json = MetadataTrees.generator(out)) {
            json.writeStartObject();
            json.writeStringField("SchemaVersion", SCHEMA_VERSION);
            json.writeStringField("DatastoreID", datastoreId);
            json.writeStringField("ImageSetID", imageSetId);
            json.writeObjectFieldStart(PATIENT);
            json.writeFieldName("DICOM");
            json.writeTree(LevelAttributes.level(levels, MetadataLevel.PATIENT));
            json.writeEndObject();
            json.writeObjectFieldStart(STUDY);
            json.writeFieldName("DICOM");
            json.writeTree(LevelAttributes.level(levels, MetadataLevel.STUDY));
            json.writeObjectFieldStart(SERIES);
            json.writeObjectFieldStart(added.seriesInstanceUid());
            json.writeFieldName("DICOM");
            json.writeTree(LevelAttributes.level(levels, MetadataLevel.SERIES));
            json.writeObjectFieldStart(INSTANCES);
            if (previous != null) {
                try (InputStream in = previous.open()) {
                    copyInstances(json, in, added.sopInstanceUids(), oldLevels, levels);
                }
            }
            added.forEach(metadata -> {
                Added instance = Added.of(metadata);
                writeInstance(json, instance.sopInstanceUid(), instance.entry(), instance.levels(), levels);
            });
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    /** Writes an instance's entry with its own attributes rebased from the levels it had to the new ones. */
    private static void writeInstance(
            JsonGenerator json, String sopInstanceUid, ObjectNode entry, ObjectNode hadLevels, ObjectNode levels)
            throws IOException {
        JsonNode dicom = entry.path("DICOM");
        if (dicom instanceof ObjectNode own) {
            LevelAttributes.rebase(own, LevelAttributes.effective(hadLevels, own), levels);
        }
        json.writeFieldName(sopInstanceUid);
        json.writeTree(entry);
    }

    private static ObjectNode tree(byte[] json) throws IOException {
        return MetadataTrees.read(new ByteArrayInputStream(json));
    }

    /**
     * A document's Patient, Study and Series attributes merged (of its first series), read from its head: the reading
     * stops once the first series' attributes are read (a document lists them before its instances).
     */
    public static ObjectNode levels(Previous document) throws IOException {
        JsonNode patient = MetadataTrees.object();
        JsonNode study = MetadataTrees.object();
        JsonNode series = null;
        try (InputStream in = document.open();
                JsonParser parser = MetadataTrees.parser(in)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (series == null && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals(PATIENT)) {
                    patient = parser.<JsonNode>readValueAsTree().path("DICOM");
                } else if (field.equals(STUDY)) {
                    while (series == null && parser.nextToken() == JsonToken.FIELD_NAME) {
                        String studyField = parser.currentName();
                        parser.nextToken();
                        if (studyField.equals("DICOM")) {
                            study = parser.readValueAsTree();
                        } else if (studyField.equals(SERIES)) {
                            if (parser.nextToken() == JsonToken.FIELD_NAME) {
                                parser.nextToken();
                                series = readSeriesDicom(parser);
                            }
                            break;
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return LevelAttributes.merged(patient, study, series == null ? MetadataTrees.object() : series);
    }

    /**
     * The DICOM object of the series the parser is at: read as soon as it is met, the rest of the series left unread
     * when its instances come after it (as documents write them).
     */
    private static JsonNode readSeriesDicom(JsonParser parser) throws IOException {
        JsonNode dicom = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("DICOM")) {
                dicom = parser.readValueAsTree();
            } else if (dicom != null) {
                return dicom;
            } else {
                parser.skipChildren();
            }
        }
        return dicom == null ? MetadataTrees.object() : dicom;
    }

    /** Copies every instance of every series of the previous document except the replaced ones, rebased. */
    private static void copyInstances(
            JsonGenerator json, InputStream previous, Set<String> replaced, ObjectNode oldLevels, ObjectNode levels)
            throws IOException {
        try (JsonParser parser = MetadataTrees.parser(previous)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals(STUDY)) {
                    copyStudyInstances(parser, json, replaced, oldLevels, levels);
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    private static void copyStudyInstances(
            JsonParser parser, JsonGenerator json, Set<String> replaced, ObjectNode oldLevels, ObjectNode levels)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (!field.equals(SERIES)) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String seriesField = parser.currentName();
                    parser.nextToken();
                    if (!seriesField.equals(INSTANCES)) {
                        parser.skipChildren();
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String sopInstanceUid = parser.currentName();
                        parser.nextToken();
                        if (replaced.contains(sopInstanceUid)) {
                            parser.skipChildren();
                        } else {
                            JsonNode entry = parser.readValueAsTree();
                            if (entry instanceof ObjectNode object) {
                                writeInstance(json, sopInstanceUid, object, oldLevels, levels);
                            } else {
                                json.writeFieldName(sopInstanceUid);
                                json.writeTree(entry);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("Malformed metadata document: expected " + expected + ", found " + actual);
        }
    }
}
