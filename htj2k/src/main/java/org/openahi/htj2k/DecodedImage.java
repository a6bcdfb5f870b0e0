package org.openahi.htj2k;

/**
 * A decoded image in the raw layout (DICOM native pixel data: samples little-endian, 1 byte each up to 8 bits, else
 * 2, components interleaved, row by row), with the values of the original image (unsigned or two's complement as
 * the codestream says), plus the header facts.
 */
public final class DecodedImage {

    private final CodestreamInfo info;
    private final int width;
    private final int height;
    private final int discardedLevels;
    private final byte[] nativeBytes;

    DecodedImage(CodestreamInfo info, int width, int height, int discardedLevels, byte[] nativeBytes) {
        this.info = info;
        this.width = width;
        this.height = height;
        this.discardedLevels = discardedLevels;
        this.nativeBytes = nativeBytes;
    }

    public CodestreamInfo info() {
        return info;
    }

    /** Width at the decoded resolution. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int components() {
        return info.components();
    }

    public int bitDepth() {
        return info.bitDepth();
    }

    public boolean signed() {
        return info.signed();
    }

    /** Resolution levels left out: 0 for full size, n for 1/2^n. */
    public int discardedLevels() {
        return discardedLevels;
    }

    /** Bytes per sample in the raw layout: 1 up to 8 bits, else 2. */
    public int bytesPerSample() {
        return info.bitDepth() > 8 ? 2 : 1;
    }

    /** The samples in the raw layout; the array is the image's own, not a copy. */
    public byte[] nativeBytes() {
        return nativeBytes;
    }

    /** The samples as a new array of ints, {@code samples()[(y * width + x) * components + c]}. */
    public int[] samples() {
        boolean signed = info.signed();
        if (bytesPerSample() == 1) {
            int[] out = new int[nativeBytes.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = signed ? nativeBytes[i] : nativeBytes[i] & 0xFF;
            }
            return out;
        }
        int[] out = new int[nativeBytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            int v = (nativeBytes[2 * i] & 0xFF) | nativeBytes[2 * i + 1] << 8;
            out[i] = signed ? (short) v : v & 0xFFFF;
        }
        return out;
    }
}
