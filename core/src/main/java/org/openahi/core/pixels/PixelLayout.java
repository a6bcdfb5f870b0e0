package org.openahi.core.pixels;

import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;

/**
 * The Image Pixel attributes that say how a frame's samples are laid out, read from the data set.
 * {@code signed} is Pixel Representation 1; {@code planar} is Planar Configuration 1 (colour planes one
 * after the other instead of interleaved).
 */
public record PixelLayout(
        int rows,
        int columns,
        int samplesPerPixel,
        int bitsAllocated,
        int bitsStored,
        int highBit,
        boolean signed,
        boolean planar,
        String photometricInterpretation,
        int numberOfFrames) {

    /** The integer attributes a layout is read from: the value of {@code tag}, or {@code absent}. */
    public interface IntAttributes {
        int get(int tag, int absent);
    }

    /** The layout, or an {@link UnsupportedPixelsException} saying which attribute is missing or impossible. */
    public static PixelLayout of(Dataset dataset) throws UnsupportedPixelsException {
        return of(dataset::getInt, dataset.getString(Tag.PhotometricInterpretation));
    }

    /** The layout from attributes read elsewhere (a metadata document). */
    public static PixelLayout of(IntAttributes attributes, String photometric) throws UnsupportedPixelsException {
        int rows = required(attributes, Tag.Rows, "Rows");
        int columns = required(attributes, Tag.Columns, "Columns");
        int bitsAllocated = required(attributes, Tag.BitsAllocated, "BitsAllocated");
        int bitsStored = attributes.get(Tag.BitsStored, bitsAllocated);
        int highBit = attributes.get(Tag.HighBit, bitsStored - 1);
        int samplesPerPixel = attributes.get(Tag.SamplesPerPixel, 1);
        if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0 || bitsStored <= 0 || bitsStored > bitsAllocated) {
            throw new UnsupportedPixelsException(
                    "impossible pixel attributes: Rows " + rows + ", Columns " + columns + ", SamplesPerPixel "
                            + samplesPerPixel + ", BitsAllocated " + bitsAllocated + ", BitsStored " + bitsStored);
        }
        return new PixelLayout(
                rows,
                columns,
                samplesPerPixel,
                bitsAllocated,
                bitsStored,
                highBit,
                attributes.get(Tag.PixelRepresentation, 0) == 1,
                attributes.get(Tag.PlanarConfiguration, 0) == 1,
                photometric == null ? "" : photometric.strip(),
                Math.max(1, attributes.get(Tag.NumberOfFrames, 1)));
    }

    /** The same layout with the colour planes interleaved (Planar Configuration 0). */
    public PixelLayout interleaved() {
        return withPlanar(false);
    }

    /** The same layout with the colour planes one after the other ({@code planar}) or interleaved. */
    public PixelLayout withPlanar(boolean planar) {
        return new PixelLayout(
                rows,
                columns,
                samplesPerPixel,
                bitsAllocated,
                bitsStored,
                highBit,
                signed,
                planar,
                photometricInterpretation,
                numberOfFrames);
    }

    /** The same layout with another Photometric Interpretation. */
    public PixelLayout withPhotometricInterpretation(String photometric) {
        return new PixelLayout(
                rows,
                columns,
                samplesPerPixel,
                bitsAllocated,
                bitsStored,
                highBit,
                signed,
                planar,
                photometric,
                numberOfFrames);
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
                ? (long) rows * columns * 2
                : samplesPerFrame();
        return bitsAllocated == 1 ? (samples + 7) / 8 : samples * (bitsAllocated / 8);
    }

    private static int required(IntAttributes attributes, int tag, String keyword) throws UnsupportedPixelsException {
        int value = attributes.get(tag, -1);
        if (value < 0) {
            throw new UnsupportedPixelsException("DICOM attribute " + keyword + " does not exist");
        }
        return value;
    }
}
