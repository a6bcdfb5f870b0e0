package org.openahi.core.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetSummary;

/**
 * The identity and search summary of an image set, read from its metadata document in one streaming pass
 * (instances are counted, not read): what the image set row keeps for grouping and SearchImageSets.
 */
public record DocumentFacts(ImageSetIdentity identity, ImageSetSummary summary) {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> WANTED = Set.of("PatientID", "PatientName", "PatientBirthDate", "PatientSex",
      "StudyInstanceUID", "StudyDate", "StudyTime", "AccessionNumber", "StudyID", "StudyDescription",
      "SeriesInstanceUID", "Modality", "BodyPartExamined", "SeriesNumber");

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
    int instances = 0;
    try (JsonParser parser = input) {
      expect(parser.nextToken() == JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "Patient" -> readLevel(parser, values);
          case "Study" -> {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String studyField = parser.currentName();
              parser.nextToken();
              if (studyField.equals("DICOM")) {
                readAttributes(parser, values);
              } else if (studyField.equals("Series")) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                  values.putIfAbsent("SeriesInstanceUID", parser.currentName());
                  series++;
                  parser.nextToken();
                  instances += readSeries(parser, values);
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
    ImageSetIdentity identity = new ImageSetIdentity(values.get("PatientID"), values.get("StudyInstanceUID"),
        values.get("StudyDate"), values.get("AccessionNumber"), values.get("StudyID"), values.get("SeriesInstanceUID"),
        values.get("SeriesNumber"));
    ImageSetSummary summary = new ImageSetSummary(values.get("PatientName"), values.get("PatientBirthDate"),
        values.get("PatientSex"), values.get("StudyDescription"), values.get("StudyTime"),
        StudyDateTime.key(values.get("StudyDate"), values.get("StudyTime")), values.get("Modality"),
        values.get("BodyPartExamined"), series, instances);
    return new DocumentFacts(identity, summary);
  }

  /** {"DICOM": {...}} of the Patient level. */
  private static void readLevel(JsonParser parser, Map<String, String> values) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("DICOM")) {
        readAttributes(parser, values);
      } else {
        parser.skipChildren();
      }
    }
  }

  /** One series: its DICOM attributes are read (the first series only), its instances counted. */
  private static int readSeries(JsonParser parser, Map<String, String> values) throws IOException {
    int instances = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("DICOM")) {
        readAttributes(parser, values);
      } else if (field.equals("Instances")) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          instances++;
          parser.nextToken();
          parser.skipChildren();
        }
      } else {
        parser.skipChildren();
      }
    }
    return instances;
  }

  /** The wanted attributes of a DICOM object: first value, padding stripped; null and empty stay absent. */
  private static void readAttributes(JsonParser parser, Map<String, String> values) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String keyword = parser.currentName();
      JsonToken token = parser.nextToken();
      if (!WANTED.contains(keyword)) {
        parser.skipChildren();
        continue;
      }
      String value = null;
      if (token == JsonToken.START_ARRAY) {
        if (parser.nextToken() == JsonToken.VALUE_STRING) {
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

  private static void expect(boolean condition) throws IOException {
    if (!condition) {
      throw new IOException("Malformed metadata document");
    }
  }
}
