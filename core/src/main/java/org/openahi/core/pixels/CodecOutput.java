package org.openahi.core.pixels;

/**
 * Turns what an image decoder gives (samples interleaved, little-endian, one byte each up to 8 bits of precision,
 * else two) into native pixel data for the data set's BitsAllocated: wider containers sign- or zero-extended, 1-bit
 * samples packed eight to a byte from bit 0. Sample values are never changed; a sample that does not fit its
 * container is refused.
 */
final class CodecOutput {
    private CodecOutput() {}

    /** Checks that the decoder's image is the frame the attributes describe, before its samples are decoded. */
    static void checkSize(String codec, int width, int height, int components, PixelLayout layout)
            throws UnsupportedPixelsException {
        if (width != layout.columns() || height != layout.rows() || components != layout.samplesPerPixel()) {
            throw new UnsupportedPixelsException("the " + codec + " frame is " + width + "x" + height + " with "
                    + components + " components but the data set says " + layout.columns() + "x" + layout.rows()
                    + " with "
                    + layout.samplesPerPixel());
        }
    }

    static byte[] toNative(String codec, byte[] samples, int bytesPerSample, boolean signed, PixelLayout layout)
            throws UnsupportedPixelsException {
        int count = samples.length / bytesPerSample;
        if (layout.bitsAllocated() == 1) {
            return packBits(codec, samples, bytesPerSample, count);
        }
        if (layout.bitsAllocated() % 8 != 0) {
            throw new UnsupportedPixelsException(
                    "BitsAllocated " + layout.bitsAllocated() + " cannot hold decoded " + codec + " samples");
        }
        int container = layout.bitsAllocated() / 8;
        if (container == bytesPerSample) {
            return samples;
        }
        if (container < bytesPerSample) {
            throw new UnsupportedPixelsException("the " + codec
                    + " frame has samples of more than 8 bits; BitsAllocated is " + layout.bitsAllocated());
        }
        byte[] out = new byte[Math.multiplyExact(count, container)];
        for (int i = 0; i < count; i++) {
            int top = i * bytesPerSample + bytesPerSample - 1;
            byte extension = signed && samples[top] < 0 ? (byte) 0xff : 0;
            System.arraycopy(samples, i * bytesPerSample, out, i * container, bytesPerSample);
            for (int b = bytesPerSample; b < container; b++) {
                out[i * container + b] = extension;
            }
        }
        return out;
    }

    private static byte[] packBits(String codec, byte[] samples, int bytesPerSample, int count)
            throws UnsupportedPixelsException {
        byte[] packed = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            int value = samples[i * bytesPerSample] & 0xff;
            if (bytesPerSample == 2) {
                value |= (samples[i * bytesPerSample + 1] & 0xff) << 8;
            }
            if (value > 1) {
                throw new UnsupportedPixelsException(
                        "the " + codec + " frame has a sample of " + value + " where BitsAllocated 1 allows 0 and 1");
            }
            packed[i >>> 3] |= (byte) (value << (i & 7));
        }
        return packed;
    }
}
