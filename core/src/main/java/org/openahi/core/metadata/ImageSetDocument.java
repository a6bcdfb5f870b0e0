package org.openahi.core.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes an image set's whole metadata document, streaming: the previous version's instances (when there is
 * one) are copied token by token except those the new instances replace, then the new instances are written, so
 * memory does not grow with the image set. The Patient, Study and Series attributes are those of the newest
 * instance.
 *
 * <pre>{"SchemaVersion":"1.1","DatastoreID":..,"ImageSetID":..,"Patient":{"DICOM":{..}},
 *  "Study":{"DICOM":{..},"Series":{"&lt;uid&gt;":{"DICOM":{..},"Instances":{"&lt;sop uid&gt;":{..}}}}}}</pre>
 */
public final class ImageSetDocument {
  public static final String SCHEMA_VERSION = "1.1";
  private static final JsonFactory JSON = new JsonFactory();

  private ImageSetDocument() {
  }

  /** The instances a document adds to its previous version's, read as they are written. */
  public interface Additions {
    /** The newest instance, whose Patient, Study and Series attributes the document takes. */
    InstanceMetadata newest() throws IOException;

    /** The SOP Instance UIDs of every addition: those instances of the previous version are replaced. */
    Set<String> sopInstanceUids();

    /** Hands over each addition in document order, each SOP Instance UID once. */
    void forEach(Consumer each) throws IOException;

    /** Receives one addition. */
    @FunctionalInterface
    interface Consumer {
      void accept(InstanceMetadata instance) throws IOException;
    }
  }

  /**
   * @param previous the previous version's document (uncompressed JSON), or null for a new image set
   * @param added the instances of the new version that are new or replace earlier ones, oldest first, each SOP
   *     Instance UID once
   */
  public static void write(OutputStream out, String datastoreId, String imageSetId, InputStream previous,
                           List<InstanceMetadata> added) throws IOException {
    Set<String> uids = added.stream().map(InstanceMetadata::sopInstanceUid).collect(Collectors.toSet());
    write(out, datastoreId, imageSetId, previous, new Additions() {
      @Override
      public InstanceMetadata newest() {
        return added.get(added.size() - 1);
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
    });
  }

  /** @param previous the previous version's document (uncompressed JSON), or null for a new image set */
  public static void write(OutputStream out, String datastoreId, String imageSetId, InputStream previous,
                           Additions added) throws IOException {
    InstanceMetadata newest = added.newest();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("SchemaVersion", SCHEMA_VERSION);
      json.writeStringField("DatastoreID", datastoreId);
      json.writeStringField("ImageSetID", imageSetId);
      json.writeObjectFieldStart("Patient");
      copyObject(json, "DICOM", newest.patient());
      json.writeEndObject();
      json.writeObjectFieldStart("Study");
      copyObject(json, "DICOM", newest.study());
      json.writeObjectFieldStart("Series");
      json.writeObjectFieldStart(newest.seriesInstanceUid());
      copyObject(json, "DICOM", newest.series());
      json.writeObjectFieldStart("Instances");
      if (previous != null) {
        copyInstances(json, previous, added.sopInstanceUids());
      }
      added.forEach(instance -> copyObject(json, instance.sopInstanceUid(), instance.instance()));
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  private static void copyObject(JsonGenerator json, String field, byte[] object) throws IOException {
    json.writeFieldName(field);
    try (JsonParser parser = JSON.createParser(object)) {
      parser.nextToken();
      json.copyCurrentStructure(parser);
    }
  }

  /** Copies every instance of every series of the previous document except the replaced ones. */
  private static void copyInstances(JsonGenerator json, InputStream previous, Set<String> replaced) throws IOException {
    try (JsonParser parser = JSON.createParser(previous)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("Study")) {
          copyStudyInstances(parser, json, replaced);
        } else {
          parser.skipChildren();
        }
      }
    }
  }

  private static void copyStudyInstances(JsonParser parser, JsonGenerator json, Set<String> replaced) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (!field.equals("Series")) {
        parser.skipChildren();
        continue;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String seriesField = parser.currentName();
          parser.nextToken();
          if (!seriesField.equals("Instances")) {
            parser.skipChildren();
            continue;
          }
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String sopInstanceUid = parser.currentName();
            parser.nextToken();
            if (replaced.contains(sopInstanceUid)) {
              parser.skipChildren();
            } else {
              json.writeFieldName(sopInstanceUid);
              json.copyCurrentStructure(parser);
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
