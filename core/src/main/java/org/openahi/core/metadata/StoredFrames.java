package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.IMAGE_FRAMES;
import static org.openahi.core.metadata.DocumentFields.INSTANCES;
import static org.openahi.core.metadata.DocumentFields.allSeries;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.error.NotFound;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.dicom.dict.Dictionary;

/**
 * How an instance of a metadata document keeps its pixels: the transfer syntax its frames are stored in, their ids
 * in frame order, and the pixel attributes that describe them ({@code layout}, empty when the instance has none or
 * they are impossible); read without rebuilding the instance's attributes (what frame retrieval needs).
 */
public record StoredFrames(String transferSyntaxUid, List<String> frameIds, Optional<PixelLayout> layout) {

    public StoredFrames {
        frameIds = List.copyOf(frameIds);
    }

    /** The instance's entry in the document; NotFound when the series has no such instance. */
    static JsonNode instance(JsonNode document, String seriesInstanceUid, String sopInstanceUid) {
        JsonNode instance =
                allSeries(document).path(seriesInstanceUid).path(INSTANCES).path(sopInstanceUid);
        if (!instance.isObject()) {
            throw new NotFound("Instance " + sopInstanceUid + " not found in series " + seriesInstanceUid);
        }
        return instance;
    }

    public static StoredFrames of(JsonNode document, String seriesInstanceUid, String sopInstanceUid) {
        return of(instance(document, seriesInstanceUid, sopInstanceUid));
    }

    static StoredFrames of(JsonNode instance) {
        List<String> frameIds = new ArrayList<>();
        instance.path(IMAGE_FRAMES)
                .forEach(frame -> frameIds.add(frame.path("ID").asText()));
        return new StoredFrames(
                instance.path("StoredTransferSyntaxUID").asText(), frameIds, layout(instance.path("DICOM")));
    }

    private static Optional<PixelLayout> layout(JsonNode attributes) {
        try {
            return Optional.of(PixelLayout.of(
                    (tag, absent) -> {
                        JsonNode value = attributes.path(Dictionary.keyword(tag));
                        return value.isNumber() || value.isTextual() ? value.asInt(absent) : absent;
                    },
                    attributes.path("PhotometricInterpretation").asText("")));
        } catch (UnsupportedPixelsException noPixels) {
            return Optional.empty();
        }
    }

    /** Whether native frames are colour plane by colour plane (Planar Configuration 1, several samples a pixel). */
    public boolean planar() {
        return layout.map(l -> l.planar() && l.samplesPerPixel() > 1).orElse(false);
    }

    /** The frame {@code number} (1-based, as DICOMweb numbers frames). */
    public Optional<String> frameId(int number) {
        return number >= 1 && number <= frameIds.size() ? Optional.of(frameIds.get(number - 1)) : Optional.empty();
    }
}
