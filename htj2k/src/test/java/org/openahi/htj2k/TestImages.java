package org.openahi.htj2k;

import java.util.SplittableRandom;
import java.util.zip.CRC32;

/** Deterministic synthetic images: smooth ramps, a hard edge, noise, and the extremes of the sample range. */
final class TestImages {

    private TestImages() {}

    /** Interleaved samples for {@code image}, all within its bit range. */
    static int[] samples(ImageDescription image, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int bits = image.bitsStored();
        long min = image.signed() ? -(1L << (bits - 1)) : 0;
        long max = image.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        long span = max - min;
        int w = image.width();
        int h = image.height();
        int n = image.components();
        int[] out = new int[w * h * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < n; c++) {
                    double ramp = (x + 2.0 * y + 31.0 * c) / (w + 2.0 * h + 31.0);
                    double edge = x > w / 3 && y < 2 * h / 3 ? 0.25 : 0;
                    double noise = (random.nextDouble() - 0.5) * 0.1;
                    long v = min + Math.round(((ramp + edge + noise) % 1.0 + 1.0) % 1.0 * span);
                    if ((x * 7 + y * 13 + c) % 97 == 0) {
                        v = random.nextBoolean() ? min : max;
                    }
                    out[(y * w + x) * n + c] = (int) Math.max(min, Math.min(max, v));
                }
            }
        }
        return out;
    }

    /** The raw layout of samples: little-endian, 1 byte each up to 8 bits else 2. */
    static byte[] nativeBytes(ImageDescription image, int[] samples) {
        int bytes = image.bytesPerSample();
        byte[] out = new byte[samples.length * bytes];
        for (int i = 0; i < samples.length; i++) {
            out[i * bytes] = (byte) samples[i];
            if (bytes == 2) {
                out[i * bytes + 1] = (byte) (samples[i] >> 8);
            }
        }
        return out;
    }

    static long crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }
}
