package org.openahi.jpegls;

/**
 * A decoded JPEG-LS frame in the raw layout (DICOM native pixel data: samples little-endian, 1 byte each up to 8 bits,
 * else 2, components interleaved, row by row), plus the header facts. The samples are those coded: unsigned,
 * 0..MAXVAL; for a near-lossless frame, the reconstruction every conforming decoder computes.
 */
public final class DecodedImage {

    private final FrameInfo info;
    private final byte[] nativeBytes;

    DecodedImage(FrameInfo info, byte[] nativeBytes) {
        this.info = info;
        this.nativeBytes = nativeBytes;
    }

    public FrameInfo info() {
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

    public int bitDepth() {
        return info.bitDepth();
    }

    /** Bytes per sample in the raw layout: 1 up to 8 bits, else 2. */
    public int bytesPerSample() {
        return info.bytesPerSample();
    }

    /** The samples in the raw layout; the array is the image's own, not a copy. */
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
