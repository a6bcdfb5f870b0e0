package org.openahi.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.error.NotFound;

/**
 * How an instance of a metadata document keeps its pixels: the transfer syntax its frames are stored in, their ids
 * in frame order, and whether its native pixels are planar (Planar Configuration 1 with several samples per pixel,
 * so decoded frames are sent colour plane by colour plane); read without rebuilding the instance's attributes (what
 * frame retrieval needs).
 */
public record StoredFrames(String transferSyntaxUid, List<String> frameIds, boolean planar) {

  public StoredFrames {
    frameIds = List.copyOf(frameIds);
  }

  /** The instance's entry in the document; NotFound when the series has no such instance. */
  static JsonNode instance(JsonNode document, String seriesInstanceUid, String sopInstanceUid) {
    JsonNode instance = document.path("Study").path("Series").path(seriesInstanceUid).path("Instances")
        .path(sopInstanceUid);
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
    instance.path("ImageFrames").forEach(frame -> frameIds.add(frame.path("ID").asText()));
    JsonNode attributes = instance.path("DICOM");
    boolean planar = attributes.path("PlanarConfiguration").asInt(0) == 1
        && attributes.path("SamplesPerPixel").asInt(1) > 1;
    return new StoredFrames(instance.path("StoredTransferSyntaxUID").asText(), frameIds, planar);
  }

  /** The frame {@code number} (1-based, as DICOMweb numbers frames). */
  public Optional<String> frameId(int number) {
    return number >= 1 && number <= frameIds.size() ? Optional.of(frameIds.get(number - 1)) : Optional.empty();
  }
}
