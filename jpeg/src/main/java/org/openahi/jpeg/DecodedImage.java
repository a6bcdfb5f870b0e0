package org.openahi.jpeg;

/**
 * A decoded JPEG frame in DICOM's native layout: samples little-endian, 1 byte each up to 8 bits of precision,
 * else 2, components interleaved (colour-by-pixel), row by row, every component at full resolution. Samples are
 * unsigned, as coded: a signed image (Pixel Representation 1) holds their two's complement bit patterns.
 */
public final class DecodedImage {

    private final JpegInfo info;
    private final ColourConversion conversion;
    private final byte[] nativeBytes;

    DecodedImage(JpegInfo info, ColourConversion conversion, byte[] nativeBytes) {
        this.info = info;
        this.conversion = conversion;
        this.nativeBytes = nativeBytes;
    }

    public JpegInfo info() {
        return info;
    }

    public int width() {
        return info.width();
    }

    public int height() {
        return info.height();
    }

    public int components() {
        return info.components();
    }

    /** Bits per sample: the frame's precision. */
    public int bitDepth() {
        return info.precision();
    }

    /** Whether YCbCr was converted to RGB ({@link ColourConversion#YBR_TO_RGB} on a three-component image). */
    public boolean convertedToRgb() {
        return conversion == ColourConversion.YBR_TO_RGB && info.components() == 3;
    }

    /** Bytes per sample in the native layout: 1 up to 8 bits, else 2. */
    public int bytesPerSample() {
        return info.bytesPerSample();
    }

    /** The samples in the native layout; the array is the image's own, not a copy. */
    public byte[] nativeBytes() {
        return nativeBytes;
    }

    /** The samples as a new array of ints, {@code samples()[(y * width + x) * components + c]}. */
    public int[] samples() {
        if (bytesPerSample() == 1) {
            int[] out = new int[nativeBytes.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = nativeBytes[i] & 0xFF;
            }
            return out;
        }
        int[] out = new int[nativeBytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (nativeBytes[2 * i] & 0xFF) | (nativeBytes[2 * i + 1] & 0xFF) << 8;
        }
        return out;
    }
}
