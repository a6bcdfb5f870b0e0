package org.openahi.htj2k;

/**
 * A decoded image: samples as ints, components interleaved, row by row, with the values of the original image
 * (unsigned or two's complement as the codestream says), plus the header facts.
 */
public final class DecodedImage {

    private final CodestreamInfo info;
    private final int width;
    private final int height;
    private final int discardedLevels;
    private final int[] samples;

    DecodedImage(CodestreamInfo info, int width, int height, int discardedLevels, int[] samples) {
        this.info = info;
        this.width = width;
        this.height = height;
        this.discardedLevels = discardedLevels;
        this.samples = samples;
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

    /** The samples, {@code samples()[(y * width + x) * components + c]}; the array is the image's own. */
    public int[] samples() {
        return samples;
    }

    /** Bytes per sample in the raw layout: 1 up to 8 bits, else 2. */
    public int bytesPerSample() {
        return info.bitDepth() > 8 ? 2 : 1;
    }

    /** The raw layout (DICOM native pixel data): samples little-endian, components interleaved. */
    public byte[] toNativeBytes() {
        byte[] out = new byte[samples.length * bytesPerSample()];
        writeNative(out, 0);
        return out;
    }

    /** Writes the raw layout into {@code out} from {@code offset}. */
    public void writeNative(byte[] out, int offset) {
        if (bytesPerSample() == 1) {
            for (int i = 0; i < samples.length; i++) {
                out[offset + i] = (byte) samples[i];
            }
        } else {
            for (int i = 0, o = offset; i < samples.length; i++, o += 2) {
                int v = samples[i];
                out[o] = (byte) v;
                out[o + 1] = (byte) (v >> 8);
            }
        }
    }
}
