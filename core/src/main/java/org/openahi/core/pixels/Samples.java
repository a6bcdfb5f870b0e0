package org.openahi.core.pixels;

import org.openahi.htj2k.DecodedImage;

/**
 * A frame's samples in the form the encoder takes: interleaved, little-endian, one or two bytes each. The
 * pixel value of a sample is its low {@code bitsStored} bits, sign-extended when signed (the bits above
 * HighBit are not pixel data); minimum, maximum and verification use those values.
 */
final class Samples {
    private final byte[] container;
    private final int bytesPerSample;
    private final int count;
    private final int bitsStored;
    private final boolean signed;
    private long min;
    private long max;

    private Samples(byte[] container, int bytesPerSample, int count, int bitsStored, boolean signed) {
        this.container = container;
        this.bytesPerSample = bytesPerSample;
        this.count = count;
        this.bitsStored = bitsStored;
        this.signed = signed;
    }

    static Samples ofNative(byte[] frame, PixelLayout layout) throws UnsupportedPixelsException {
        int count = Math.toIntExact(layout.samplesPerFrame());
        if (frame.length < layout.nativeFrameBytes()) {
            throw new UnsupportedPixelsException(
                    "the frame has " + frame.length + " bytes; its pixel attributes need " + layout.nativeFrameBytes());
        }
        if (layout.bitsAllocated() == 1) {
            byte[] unpacked = new byte[count];
            for (int i = 0; i < count; i++) {
                unpacked[i] = (byte) ((frame[i >>> 3] >>> (i & 7)) & 1);
            }
            return new Samples(unpacked, 1, count, 1, false);
        }
        int bytesPerSample = layout.bitsAllocated() / 8;
        if (bytesPerSample != 1 && bytesPerSample != 2) {
            throw new UnsupportedPixelsException("BitsAllocated " + layout.bitsAllocated() + " cannot be encoded");
        }
        // The encoders read the first count samples and write nothing, so an interleaved frame is used as it is
        // (bytes past its samples, a pad byte, are never read).
        byte[] container =
                layout.planar() && layout.samplesPerPixel() > 1 ? interleave(frame, layout, bytesPerSample) : frame;
        return new Samples(container, bytesPerSample, count, layout.bitsStored(), layout.signed());
    }

    byte[] container() {
        return container;
    }

    int bitsPerContainer() {
        return bytesPerSample * 8;
    }

    int bitsStored() {
        return bitsStored;
    }

    boolean signed() {
        return signed;
    }

    /** The smallest pixel value; known once {@link #verify} has run. */
    long min() {
        return min;
    }

    /** The largest pixel value; known once {@link #verify} has run. */
    long max() {
        return max;
    }

    /**
     * Checks that the decoded image holds exactly these pixel values, finding their range on the way. Its raw bytes
     * are read where they are (one or two bytes a sample, with the codestream's signedness), without a copy.
     */
    void verify(DecodedImage decoded) throws PixelVerificationException {
        byte[] bytes = decoded.nativeBytes();
        int width = decoded.bytesPerSample();
        boolean decodedSigned = decoded.signed();
        int decodedCount = bytes.length / width;
        if (decodedCount != count) {
            throw new PixelVerificationException(
                    "pixel data verification failed: " + decodedCount + " samples decoded, " + count + " expected");
        }
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            int value;
            if (width == 1) {
                value = decodedSigned ? bytes[i] : bytes[i] & 0xff;
            } else {
                int raw = (bytes[2 * i] & 0xff) | (bytes[2 * i + 1] & 0xff) << 8;
                value = decodedSigned ? (short) raw : raw;
            }
            int original = value(i);
            if (value != original) {
                throw new PixelVerificationException("pixel data verification failed at sample " + i + ": decoded "
                        + value + ", original " + original);
            }
            low = Math.min(low, original);
            high = Math.max(high, original);
        }
        min = low;
        max = high;
    }

    private int value(int index) {
        int raw = bytesPerSample == 1
                ? container[index] & 0xff
                : (container[2 * index] & 0xff) | (container[2 * index + 1] & 0xff) << 8;
        int mask = bitsStored >= 32 ? -1 : (1 << bitsStored) - 1;
        int value = raw & mask;
        if (signed && bitsStored < 32 && (value & (1 << (bitsStored - 1))) != 0) {
            value |= ~mask;
        }
        return value;
    }

    private static byte[] interleave(byte[] frame, PixelLayout layout, int bytesPerSample) {
        int pixels = layout.rows() * layout.columns();
        int planes = layout.samplesPerPixel();
        byte[] out = new byte[pixels * planes * bytesPerSample];
        for (int plane = 0; plane < planes; plane++) {
            for (int pixel = 0; pixel < pixels; pixel++) {
                System.arraycopy(
                        frame,
                        (plane * pixels + pixel) * bytesPerSample,
                        out,
                        (pixel * planes + plane) * bytesPerSample,
                        bytesPerSample);
            }
        }
        return out;
    }
}
