package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.IMAGE_FRAMES;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;

/**
 * Builds an instance's part of AHI's metadata document once, at import: its Patient, Study and Series level
 * attributes, and its instance entry with {@code DICOM} (File Meta included), {@code DICOMVRs} (for the attributes
 * of every level, see {@link AttributeKeys}), {@code StoredTransferSyntaxUID} and {@code ImageFrames}.
 */
public final class InstanceMetadataWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private InstanceMetadataWriter() {}

    /**
     * @param pixelData the header of the instance's (Float/Double Float) Pixel Data, written as a null placeholder
     *     (its frames are in ImageFrames) with its VR; null when the instance has none
     */
    public static InstanceMetadata write(
            String sopInstanceUid,
            String seriesInstanceUid,
            Dataset fileMeta,
            Dataset dataset,
            Element pixelData,
            String storedTransferSyntaxUid,
            List<FrameRecord> frames)
            throws IOException {
        return write(
                sopInstanceUid,
                seriesInstanceUid,
                fileMeta,
                dataset,
                pixelData,
                storedTransferSyntaxUid,
                frames,
                List.of(),
                new ArrayList<>());
    }

    /**
     * As above, with the Patient, Study and Series attributes of {@code overrides} in place of the file's (each decoded
     * with its own data set's Specific Character Set, so the document holds the text each meant); every attribute taken
     * from an override is added to {@code applied}.
     */
    public static InstanceMetadata write(
            String sopInstanceUid,
            String seriesInstanceUid,
            Dataset fileMeta,
            Dataset dataset,
            Element pixelData,
            String storedTransferSyntaxUid,
            List<FrameRecord> frames,
            List<LevelOverride> overrides,
            List<AppliedOverride> applied)
            throws IOException {
        Map<String, String> vrs = new TreeMap<>();
        byte[] patient = levelObject(dataset, MetadataLevel.PATIENT, overrides, vrs, applied);
        byte[] study = levelObject(dataset, MetadataLevel.STUDY, overrides, vrs, applied);
        byte[] series = levelObject(dataset, MetadataLevel.SERIES, overrides, vrs, applied);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("DICOM");
            AttributeWriter.writeElements(json, fileMeta, tag -> true, vrs);
            AttributeWriter.writeElements(json, dataset, tag -> MetadataLevel.of(tag) == MetadataLevel.INSTANCE, vrs);
            if (pixelData != null && !dataset.contains(pixelData.tag())) {
                json.writeNullField(AttributeKeys.key(pixelData.tag()));
                if (AttributeKeys.recordsVr(pixelData)) {
                    vrs.put(
                            AttributeKeys.vrKey("", pixelData.tag()),
                            pixelData.vr().name());
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

    /**
     * The level's attributes, the override's (when one names this level) in place of the file's; their VRs, where
     * recorded, go to the instance's {@code DICOMVRs} with the others.
     */
    private static byte[] levelObject(
            Dataset dataset,
            MetadataLevel level,
            List<LevelOverride> overrides,
            Map<String, String> vrs,
            List<AppliedOverride> applied)
            throws IOException {
        LevelOverride override = overrides.stream()
                .filter(o -> o.levels().contains(level))
                .findFirst()
                .orElse(null);
        if (override == null) {
            return levelObject(dataset, tag -> MetadataLevel.of(tag) == level, vrs);
        }
        Dataset replacing = override.attributes();
        IntPredicate overridden = tag -> MetadataLevel.of(tag) == level && replacing.contains(tag);
        ObjectNode merged = MetadataTrees.read(new ByteArrayInputStream(
                levelObject(dataset, tag -> MetadataLevel.of(tag) == level && !replacing.contains(tag), vrs)));
        ObjectNode previous =
                MetadataTrees.read(new ByteArrayInputStream(levelObject(dataset, overridden, new TreeMap<>())));
        ObjectNode values = MetadataTrees.read(new ByteArrayInputStream(levelObject(replacing, overridden, vrs)));
        for (Map.Entry<String, JsonNode> value : values.properties()) {
            applied.add(new AppliedOverride(
                    override.source(),
                    level,
                    value.getKey(),
                    Optional.ofNullable(previous.get(value.getKey())),
                    value.getValue()));
            merged.set(value.getKey(), value.getValue());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        MetadataTrees.write(out, merged);
        return out.toByteArray();
    }

    private static byte[] levelObject(Dataset dataset, IntPredicate include, Map<String, String> vrs)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            AttributeWriter.writeElements(json, dataset, include, vrs);
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
