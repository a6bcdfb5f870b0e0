package org.openahi.htj2k.ht;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtBlockCoderTest {

    private final HtBlockEncoder encoder = new HtBlockEncoder();
    private final HtBlockDecoder decoder = new HtBlockDecoder();

    @ParameterizedTest(name = "{0}x{1} magnitudes < 2^{2}, density {3}")
    @CsvSource({
        "64,64,16,1.0",
        "64,64,16,0.1",
        "64,64,1,0.5",
        "64,64,2,0.3",
        "64,64,28,1.0",
        "64,64,29,0.2",
        "1,1,5,1.0",
        "1,2,5,1.0",
        "2,1,5,1.0",
        "3,3,8,0.7",
        "5,7,12,0.6",
        "4,4,3,0.9",
        "1,64,10,0.8",
        "64,1,10,0.8",
        "1024,4,9,0.5",
        "4,1024,9,0.5",
        "33,17,20,0.4",
        "63,63,18,0.05",
        "8,512,7,0.9",
        "64,64,6,0.02",
        "13,64,14,1.0"
    })
    void decodesWhatItEncoded(int width, int height, int bits, double density) throws Exception {
        SplittableRandom random = new SplittableRandom(width * 31L + height * 7L + bits);
        for (int round = 0; round < 20; round++) {
            int stride = width + 3;
            int[] block = new int[stride * height + 5];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (random.nextDouble() < density) {
                        int magnitude = random.nextInt(1 << random.nextInt(1, bits + 1));
                        if (round % 3 == 0) {
                            magnitude = (1 << bits) - 1 - random.nextInt(3);
                        }
                        block[5 + y * stride + x] = random.nextBoolean() ? magnitude : -magnitude;
                    }
                }
            }
            byte[] coded = new byte[HtBlockEncoder.MAX_CODED_BYTES];
            int length = encoder.encode(block, 5, stride, width, height, coded, 0);
            int[] decoded = new int[width * height];
            java.util.Arrays.fill(decoded, 12345);
            if (length == 0) {
                java.util.Arrays.fill(decoded, 0);
            } else {
                decoder.decode(
                        coded, 0, length, coded, length, 0, 0, 0, false, false, width, height, decoded, 0, width);
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    assertThat(decoded[y * width + x])
                            .as("round %d sample (%d,%d)", round, x, y)
                            .isEqualTo(block[5 + y * stride + x]);
                }
            }
        }
    }
}
