package org.openahi.core.pixels;

import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;

/**
 * The Image Pixel attributes that say how a frame's samples are laid out, read from the data set.
 * {@code signed} is Pixel Representation 1; {@code planar} is Planar Configuration 1 (colour planes one
 * after the other instead of interleaved).
 */
public record PixelLayout(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
                          boolean signed, boolean planar, String photometricInterpretation, int numberOfFrames) {

  /** The layout, or an {@link UnsupportedPixelsException} saying which attribute is missing or impossible. */
  public static PixelLayout of(Dataset dataset) throws UnsupportedPixelsException {
    int rows = required(dataset, Tag.Rows, "Rows");
    int columns = required(dataset, Tag.Columns, "Columns");
    int bitsAllocated = required(dataset, Tag.BitsAllocated, "BitsAllocated");
    int bitsStored = dataset.getInt(Tag.BitsStored, bitsAllocated);
    int highBit = dataset.getInt(Tag.HighBit, bitsStored - 1);
    int samplesPerPixel = dataset.getInt(Tag.SamplesPerPixel, 1);
    if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0 || bitsStored <= 0 || bitsStored > bitsAllocated) {
      throw new UnsupportedPixelsException("impossible pixel attributes: Rows " + rows + ", Columns " + columns
          + ", SamplesPerPixel " + samplesPerPixel + ", BitsAllocated " + bitsAllocated + ", BitsStored " + bitsStored);
    }
    String photometric = dataset.getString(Tag.PhotometricInterpretation);
    return new PixelLayout(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, highBit,
        dataset.getInt(Tag.PixelRepresentation, 0) == 1, dataset.getInt(Tag.PlanarConfiguration, 0) == 1,
        photometric == null ? "" : photometric.strip(), Math.max(1, dataset.getInt(Tag.NumberOfFrames, 1)));
  }

  public long samplesPerFrame() {
    return (long) rows * columns * samplesPerPixel;
  }

  /**
   * Bytes of one native frame as DICOM stores it: 1-bit frames packed eight pixels to a byte, YBR_FULL_422 and
   * YBR_PARTIAL_422 two samples per pixel (PS3.3 C.7.6.3.1.2).
   */
  public long nativeFrameBytes() {
    long samples = samplesPerPixel == 3 && photometricInterpretation.endsWith("_422")
        ? (long) rows * columns * 2 : samplesPerFrame();
    return bitsAllocated == 1 ? (samples + 7) / 8 : samples * (bitsAllocated / 8);
  }

  private static int required(Dataset dataset, int tag, String keyword) throws UnsupportedPixelsException {
    int value = dataset.getInt(tag, -1);
    if (value < 0) {
      throw new UnsupportedPixelsException("DICOM attribute " + keyword + " does not exist");
    }
    return value;
  }
}
