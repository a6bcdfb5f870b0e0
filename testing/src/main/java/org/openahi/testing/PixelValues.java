package org.openahi.testing;

/**
 * The pixel values of one frame of native pixel data (PS3.5 §8.1.1: little-endian, BitsAllocated per sample, 1-bit
 * frames from bit 0 of their first byte), as DICOM defines them: the low BitsStored bits of each sample,
 * sign-extended when Pixel Representation is 1. Components come interleaved whatever the Planar Configuration, so
 * frames of the same image in any native layout compare equal; bits above HighBit are not pixel data and not compared.
 */
public final class PixelValues {
    private PixelValues() {}

    /** The values, {@code [(row * columns + column) * samplesPerPixel + component]}. */
    public static long[] of(
            byte[] frame,
            int rows,
            int columns,
            int samplesPerPixel,
            int bitsAllocated,
            int bitsStored,
            boolean signed,
            boolean planar) {
        int pixels = rows * columns;
        long[] values = new long[pixels * samplesPerPixel];
        long mask = bitsStored >= 64 ? -1L : (1L << bitsStored) - 1;
        for (int pixel = 0; pixel < pixels; pixel++) {
            for (int component = 0; component < samplesPerPixel; component++) {
                int sample = planar ? component * pixels + pixel : pixel * samplesPerPixel + component;
                long value = raw(frame, sample, bitsAllocated) & mask;
                if (signed && bitsStored < 64 && (value & (1L << (bitsStored - 1))) != 0) {
                    value |= ~mask;
                }
                values[pixel * samplesPerPixel + component] = value;
            }
        }
        return values;
    }

    private static long raw(byte[] frame, int sample, int bitsAllocated) {
        if (bitsAllocated == 1) {
            return frame[sample >>> 3] >>> (sample & 7) & 1;
        }
        int bytes = bitsAllocated / 8;
        long value = 0;
        for (int b = bytes - 1; b >= 0; b--) {
            value = value << 8 | (frame[sample * bytes + b] & 0xff);
        }
        return value;
    }
}
