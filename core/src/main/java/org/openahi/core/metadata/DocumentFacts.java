package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.INSTANCES;
import static org.openahi.core.metadata.DocumentFields.PATIENT;
import static org.openahi.core.metadata.DocumentFields.SERIES;
import static org.openahi.core.metadata.DocumentFields.STUDY;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openahi.core.imageset.DicomWebIndex;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetSummary;

/**
 * The identity, search summary and DICOMweb index of an image set, read from its metadata document in one
 * streaming pass (of each instance only the attributes QIDO-RS returns): what the image set row and its instance
 * rows keep for grouping, SearchImageSets and QIDO-RS.
 */
public record DocumentFacts(ImageSetIdentity identity, ImageSetSummary summary, DicomWebIndex dicomWeb) {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> WANTED = Set.of(
            "PatientID",
            "PatientName",
            "PatientBirthDate",
            "PatientSex",
            "StudyInstanceUID",
            "StudyDate",
            "StudyTime",
            "AccessionNumber",
            "StudyID",
            "StudyDescription",
            "SeriesInstanceUID",
            "Modality",
            "BodyPartExamined",
            "SeriesNumber",
            "ReferringPhysicianName",
            "SeriesDescription");
    private static final Set<String> INSTANCE_WANTED =
            Set.of("SOPClassUID", "InstanceNumber", "NumberOfFrames", "Rows", "Columns");
    private static final Set<String> INSTANCE_AND_LEVEL_WANTED = union(WANTED, INSTANCE_WANTED);

    /** Reads the facts of an uncompressed metadata document. */
    public static DocumentFacts read(InputStream document) throws IOException {
        return read(JSON.createParser(document));
    }

    /** The facts of a document held as a tree. */
    public static DocumentFacts of(JsonNode document) {
        try {
            return read(document.traverse());
        } catch (IOException e) {
            throw new UncheckedIOException("A tree is always readable", e);
        }
    }

    private static DocumentFacts read(JsonParser input) throws IOException {
        Map<String, String> values = new HashMap<>();
        int series = 0;
        List<DicomWebIndex.Instance> instances = new ArrayList<>();
        try (JsonParser parser = input) {
            expect(parser.nextToken() == JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case PATIENT -> readLevel(parser, values);
                    case STUDY -> {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String studyField = parser.currentName();
                            parser.nextToken();
                            if (studyField.equals("DICOM")) {
                                readAttributes(parser, WANTED, values);
                            } else if (studyField.equals(SERIES)) {
                                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                    String seriesUid = parser.currentName();
                                    values.putIfAbsent("SeriesInstanceUID", seriesUid);
                                    series++;
                                    parser.nextToken();
                                    readSeries(parser, seriesUid, values, instances);
                                }
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }
        ImageSetIdentity identity = new ImageSetIdentity(
                values.get("PatientID"),
                values.get("StudyInstanceUID"),
                values.get("StudyDate"),
                values.get("AccessionNumber"),
                values.get("StudyID"),
                values.get("SeriesInstanceUID"),
                values.get("SeriesNumber"));
        ImageSetSummary summary = new ImageSetSummary(
                values.get("PatientName"),
                values.get("PatientBirthDate"),
                values.get("PatientSex"),
                values.get("StudyDescription"),
                values.get("StudyTime"),
                StudyDateTime.key(values.get("StudyDate"), values.get("StudyTime")),
                values.get("Modality"),
                values.get("BodyPartExamined"),
                series,
                instances.size());
        DicomWebIndex dicomWeb = new DicomWebIndex(
                values.get("ReferringPhysicianName"),
                values.get("SeriesDescription"),
                integer(values.get("SeriesNumber")),
                instances);
        return new DocumentFacts(identity, summary, dicomWeb);
    }

    /** {"DICOM": {...}} of the Patient level. */
    private static void readLevel(JsonParser parser, Map<String, String> values) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("DICOM")) {
                readAttributes(parser, WANTED, values);
            } else {
                parser.skipChildren();
            }
        }
    }

    /**
     * One series: its DICOM attributes are read (the first series only), and of each instance what QIDO-RS
     * returns.
     */
    private static void readSeries(
            JsonParser parser, String seriesUid, Map<String, String> values, List<DicomWebIndex.Instance> instances)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("DICOM")) {
                readAttributes(parser, WANTED, values);
            } else if (field.equals(INSTANCES)) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String sopInstanceUid = parser.currentName();
                    parser.nextToken();
                    instances.add(readInstance(parser, seriesUid, sopInstanceUid, values));
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /**
     * {"DICOM": {...}, "ImageFrames": [...]} of one instance: the attributes QIDO-RS returns, and the wanted
     * Patient, Study and Series attributes its levels lack (an attribute not every instance has is held by the
     * instances that have it, see {@link LevelAttributes}): the first instance's value fills {@code levelValues}.
     */
    private static DicomWebIndex.Instance readInstance(
            JsonParser parser, String seriesUid, String sopInstanceUid, Map<String, String> levelValues)
            throws IOException {
        Map<String, String> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("DICOM")) {
                readAttributes(parser, INSTANCE_AND_LEVEL_WANTED, values);
            } else {
                parser.skipChildren();
            }
        }
        WANTED.forEach(keyword -> {
            if (values.containsKey(keyword)) {
                levelValues.putIfAbsent(keyword, values.get(keyword));
            }
        });
        Long rows = integer(values.get("Rows"));
        Long columns = integer(values.get("Columns"));
        return new DicomWebIndex.Instance(
                seriesUid,
                sopInstanceUid,
                values.get("SOPClassUID"),
                integer(values.get("InstanceNumber")),
                integer(values.get("NumberOfFrames")),
                rows == null ? null : rows.intValue(),
                columns == null ? null : columns.intValue());
    }

    /** An integer attribute's value (IS, US), null when absent or not an integer. */
    private static Long integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The wanted attributes of a DICOM object: first value, padding stripped; null and empty stay absent. */
    private static void readAttributes(JsonParser parser, Set<String> wanted, Map<String, String> values)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String keyword = parser.currentName();
            JsonToken token = parser.nextToken();
            if (!wanted.contains(keyword)) {
                parser.skipChildren();
                continue;
            }
            String value = null;
            if (token == JsonToken.START_ARRAY) {
                JsonToken first = parser.nextToken();
                if (first.isScalarValue() && first != JsonToken.VALUE_NULL) {
                    value = parser.getText();
                }
                parser.skipChildren();
                while (parser.currentToken() != JsonToken.END_ARRAY) {
                    parser.nextToken();
                    parser.skipChildren();
                }
            } else if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                value = parser.getText();
            }
            if (value != null && !value.strip().isEmpty() && !values.containsKey(keyword)) {
                values.put(keyword, value.replace("\0", "").strip());
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new java.util.HashSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
    }

    private static void expect(boolean condition) throws IOException {
        if (!condition) {
            throw new IOException("Malformed metadata document");
        }
    }
}
