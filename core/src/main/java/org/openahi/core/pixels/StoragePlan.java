package org.openahi.core.pixels;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;

/**
 * How an instance's frames are stored (AHI's rules, ahi-behaviour §8.4): native, RLE and HTJ2K lossless
 * frames are decoded and stored as HTJ2K lossless (.202); lossy and video frames are kept as they arrived;
 * everything else is refused as an unsupported transfer syntax.
 */
public sealed interface StoragePlan {

  /** The transfer syntax every transcoded frame is stored in: HTJ2K Lossless RPCL. */
  String HTJ2K_LOSSLESS_RPCL = "1.2.840.10008.1.2.4.202";
  String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
  /** What GetImageFrame answers for HTJ2K lossless frames (AHI's table, ahi-behaviour §9.1). */
  String HTJ2K_CONTENT_TYPE = "image/jph";

  /** Decode {@code source} frames laid out as {@code layout}, store them as HTJ2K lossless. */
  record Transcode(PixelSource source, PixelLayout layout) implements StoragePlan {
  }

  /**
   * Store the frames as native pixel data in Explicit VR Little Endian (RLE frames decoded first): frames the
   * HTJ2K encoder cannot take without altering them; {@code warning} says why.
   */
  record StoreNative(PixelSource source, PixelLayout layout, String warning) implements StoragePlan {
  }

  /**
   * Store the frames' bytes as they are. Video streams are one frame whatever NumberOfFrames says;
   * {@code warning} says why frames openahi would normally transcode are kept.
   */
  record Keep(String storedTransferSyntaxUid, String contentType, boolean wholeStreamIsOneFrame,
              Optional<String> warning) implements StoragePlan {
  }

  Set<String> NATIVE = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99",
      "1.2.840.10008.1.2.2");
  String RLE = "1.2.840.10008.1.2.5";
  Set<String> HTJ2K_LOSSLESS = Set.of("1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202");
  /** Kept as they arrived, with the media type GetImageFrame answers for them. */
  Map<String, String> KEPT = Map.ofEntries(
      Map.entry("1.2.840.10008.1.2.4.50", "image/jpeg"),
      Map.entry("1.2.840.10008.1.2.4.91", "image/j2c"),
      Map.entry("1.2.840.10008.1.2.4.203", "image/jphc"),
      Map.entry("1.2.840.10008.1.2.4.112", "image/jxl"));
  Map<String, String> VIDEO = Map.ofEntries(
      Map.entry("1.2.840.10008.1.2.4.100", "video/mpeg"), Map.entry("1.2.840.10008.1.2.4.100.1", "video/mpeg"),
      Map.entry("1.2.840.10008.1.2.4.101", "video/mpeg"), Map.entry("1.2.840.10008.1.2.4.101.1", "video/mpeg"),
      Map.entry("1.2.840.10008.1.2.4.102", "video/mp4"), Map.entry("1.2.840.10008.1.2.4.102.1", "video/mp4"),
      Map.entry("1.2.840.10008.1.2.4.103", "video/mp4"), Map.entry("1.2.840.10008.1.2.4.103.1", "video/mp4"),
      Map.entry("1.2.840.10008.1.2.4.104", "video/mp4"), Map.entry("1.2.840.10008.1.2.4.104.1", "video/mp4"),
      Map.entry("1.2.840.10008.1.2.4.105", "video/mp4"), Map.entry("1.2.840.10008.1.2.4.105.1", "video/mp4"),
      Map.entry("1.2.840.10008.1.2.4.106", "video/mp4"), Map.entry("1.2.840.10008.1.2.4.106.1", "video/mp4"),
      Map.entry("1.2.840.10008.1.2.4.107", "video/H256"), Map.entry("1.2.840.10008.1.2.4.108", "video/H256"));
  String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
  String OCTET_STREAM = "application/octet-stream";

  /**
   * Whether pixel data in this transfer syntax is imported (kept, stored native or transcoded); {@link #of} refuses
   * every other syntax as unsupported. The DICOM listener accepts exactly these for storage.
   */
  static boolean imports(String transferSyntaxUid) {
    return KEPT.containsKey(transferSyntaxUid) || VIDEO.containsKey(transferSyntaxUid)
        || NATIVE.contains(transferSyntaxUid) || RLE.equals(transferSyntaxUid)
        || HTJ2K_LOSSLESS.contains(transferSyntaxUid);
  }

  static StoragePlan of(String transferSyntaxUid, Dataset dataset) throws UnsupportedPixelsException {
    if (KEPT.containsKey(transferSyntaxUid)) {
      return new Keep(transferSyntaxUid, KEPT.get(transferSyntaxUid), false, Optional.empty());
    }
    if (VIDEO.containsKey(transferSyntaxUid)) {
      return new Keep(transferSyntaxUid, VIDEO.get(transferSyntaxUid), true, Optional.empty());
    }
    PixelSource source;
    if (NATIVE.contains(transferSyntaxUid)) {
      source = PixelSource.NATIVE;
    } else if (RLE.equals(transferSyntaxUid)) {
      source = PixelSource.RLE;
    } else if (HTJ2K_LOSSLESS.contains(transferSyntaxUid)) {
      source = PixelSource.HTJ2K;
    } else {
      throw new UnsupportedPixelsException("unsupported transfer syntax " + transferSyntaxUid);
    }
    PixelLayout layout = PixelLayout.of(dataset);
    if (source != PixelSource.HTJ2K) {
      Optional<String> untranscodable = untranscodable(layout, dataset);
      if (untranscodable.isPresent()) {
        return new StoreNative(source, layout, untranscodable.get());
      }
    }
    return new Transcode(source, layout);
  }

  /** Why native or RLE frames cannot become HTJ2K without altering them, if they cannot. */
  private static Optional<String> untranscodable(PixelLayout layout, Dataset dataset) {
    String sopClass = dataset.getString(Tag.SOPClassUID);
    if (layout.bitsAllocated() == 1 && SEGMENTATION_STORAGE.equals(sopClass)) {
      return Optional.of("binary segmentation frames are kept in Explicit VR Little Endian, as AHI keeps them");
    }
    if (layout.bitsAllocated() > 16 || (layout.bitsAllocated() != 1 && layout.bitsAllocated() % 8 != 0)) {
      return Optional.of("BitsStored " + layout.bitsStored() + " / BitsAllocated " + layout.bitsAllocated()
          + " is beyond the HTJ2K encoder (up to 16 bits); frames kept in Explicit VR Little Endian");
    }
    if (layout.samplesPerPixel() != 1 && layout.samplesPerPixel() != 3) {
      return Optional.of("SamplesPerPixel " + layout.samplesPerPixel() + " frames kept in Explicit VR Little Endian");
    }
    if (layout.photometricInterpretation().startsWith("YBR_") && !layout.photometricInterpretation().equals("YBR_FULL")) {
      return Optional.of(layout.photometricInterpretation() + " (subsampled) frames kept in Explicit VR Little Endian");
    }
    if (layout.highBit() != layout.bitsStored() - 1) {
      return Optional.of("HighBit " + layout.highBit() + " with BitsStored " + layout.bitsStored()
          + " frames kept in Explicit VR Little Endian");
    }
    return Optional.empty();
  }
}
