package org.openahi.htj2k.ht;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The encoder's output stays byte for byte what it was when its speed work began (main at 4d5a4d8): CRC-32 of the
 * coded bytes of random blocks of every shape class (even and odd sizes, single rows and columns, sparse to dense,
 * small to 29-bit magnitudes). A change of the codestream is a format decision, not a speed-up.
 */
class HtBlockEncoderGoldenTest {

    @Test
    void codesBlocksAsBefore() {
        HtBlockEncoder encoder = new HtBlockEncoder();
        SplittableRandom random = new SplittableRandom(13);
        int[][] shapes = {
            {64, 64}, {64, 64}, {64, 64}, {63, 63}, {33, 17}, {1, 1}, {1, 2}, {2, 1}, {3, 3}, {5, 7}, {2, 64}, {64, 2},
            {1, 64}, {64, 1}, {1024, 4}, {4, 1024}, {13, 64}, {47, 47}, {62, 3}, {8, 512}
        };
        CRC32 crc = new CRC32();
        byte[] coded = new byte[HtBlockEncoder.MAX_CODED_BYTES];
        long bytes = 0;
        for (int round = 0; round < 30; round++) {
            for (int[] shape : shapes) {
                int width = shape[0];
                int height = shape[1];
                int bits = 1 + random.nextInt(29);
                double density = random.nextDouble();
                int stride = width + 3;
                int[] block = new int[stride * height + 7];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        if (random.nextDouble() < density) {
                            int magnitude = random.nextInt(1 << random.nextInt(1, bits + 1));
                            block[7 + y * stride + x] = random.nextBoolean() ? magnitude : -magnitude;
                        }
                    }
                }
                int length = encoder.encode(block, 7, stride, width, height, coded, 0);
                crc.update(coded, 0, length);
                crc.update(length);
                bytes += length;
            }
        }
        assertThat(bytes).isEqualTo(975_757L);
        assertThat(crc.getValue()).isEqualTo(915_213_003L);
    }
}
