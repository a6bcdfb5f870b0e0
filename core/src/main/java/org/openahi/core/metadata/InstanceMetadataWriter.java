package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.IMAGE_FRAMES;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;

/**
 * Builds an instance's part of AHI's metadata document once, at import: its Patient, Study and Series level
 * attributes, and its instance entry with {@code DICOM} (File Meta included), {@code DICOMVRs} (for the attributes
 * of every level, see {@link AttributeKeys}), {@code StoredTransferSyntaxUID} and {@code ImageFrames}.
 */
public final class InstanceMetadataWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private InstanceMetadataWriter() {
  }

  /**
   * @param pixelData the header of the instance's (Float/Double Float) Pixel Data, written as a null placeholder
   *     (its frames are in ImageFrames) with its VR; null when the instance has none
   */
  public static InstanceMetadata write(String sopInstanceUid, String seriesInstanceUid, Dataset fileMeta,
                                       Dataset dataset, Element pixelData, String storedTransferSyntaxUid,
                                       List<FrameRecord> frames) throws IOException {
    Map<String, String> vrs = new TreeMap<>();
    byte[] patient = levelObject(dataset, MetadataLevel.PATIENT, vrs);
    byte[] study = levelObject(dataset, MetadataLevel.STUDY, vrs);
    byte[] series = levelObject(dataset, MetadataLevel.SERIES, vrs);
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("DICOM");
      AttributeWriter.writeElements(json, fileMeta, tag -> true, vrs);
      AttributeWriter.writeElements(json, dataset, tag -> MetadataLevel.of(tag) == MetadataLevel.INSTANCE, vrs);
      if (pixelData != null && !dataset.contains(pixelData.tag())) {
        json.writeNullField(AttributeKeys.key(pixelData.tag()));
        if (AttributeKeys.recordsVr(pixelData)) {
          vrs.put(AttributeKeys.vrKey("", pixelData.tag()), pixelData.vr().name());
        }
      }
      json.writeEndObject();
      json.writeObjectFieldStart("DICOMVRs");
      for (Map.Entry<String, String> vr : vrs.entrySet()) {
        json.writeStringField(vr.getKey(), vr.getValue());
      }
      json.writeEndObject();
      json.writeStringField("StoredTransferSyntaxUID", storedTransferSyntaxUid);
      json.writeArrayFieldStart(IMAGE_FRAMES);
      for (FrameRecord frame : frames) {
        writeFrame(json, frame);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return new InstanceMetadata(sopInstanceUid, seriesInstanceUid, patient, study, series, out.toByteArray());
  }

  private static void writeFrame(JsonGenerator json, FrameRecord frame) throws IOException {
    json.writeStartObject();
    json.writeStringField("ID", frame.id());
    json.writeArrayFieldStart("PixelDataChecksumFromBaseToFullResolution");
    json.writeStartObject();
    json.writeNumberField("Width", frame.width());
    json.writeNumberField("Height", frame.height());
    json.writeNumberField("Checksum", frame.checksum());
    json.writeEndObject();
    json.writeEndArray();
    json.writeFieldName("MinPixelValue");
    if (frame.minPixelValue().isPresent()) {
      json.writeNumber(frame.minPixelValue().getAsLong());
    } else {
      json.writeNull();
    }
    json.writeFieldName("MaxPixelValue");
    if (frame.maxPixelValue().isPresent()) {
      json.writeNumber(frame.maxPixelValue().getAsLong());
    } else {
      json.writeNull();
    }
    json.writeNumberField("FrameSizeInBytes", frame.frameSizeInBytes());
    json.writeEndObject();
  }

  /** The level's attributes; their VRs, where recorded, go to the instance's {@code DICOMVRs} with the others. */
  private static byte[] levelObject(Dataset dataset, MetadataLevel level, Map<String, String> vrs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      AttributeWriter.writeElements(json, dataset, tag -> MetadataLevel.of(tag) == level, vrs);
      json.writeEndObject();
    }
    return out.toByteArray();
  }
}
