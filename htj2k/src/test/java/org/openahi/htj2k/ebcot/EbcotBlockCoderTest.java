package org.openahi.htj2k.ebcot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Part 1 block encoder and decoder are each other's inverse: every coefficient comes back, for block shapes
 * from 1 x 1 to 64 x 64 and 1024 x 4, magnitudes up to 29 bits, sparse and dense blocks, all four orientations;
 * decoding only the first passes gives the coefficients truncated to the bit-planes those passes carry.
 */
class EbcotBlockCoderTest {

    @ParameterizedTest(name = "{0}x{1} {2} bits, density {3}")
    @CsvSource({
        "1,1,1,1.0",
        "1,1,16,1.0",
        "3,5,8,0.5",
        "4,4,12,0.3",
        "7,13,16,0.9",
        "64,64,16,1.0",
        "64,64,8,0.02",
        "64,64,1,0.5",
        "32,16,29,1.0",
        "1024,4,10,0.7",
        "4,1024,10,0.7",
        "17,63,20,0.1",
        "64,64,16,0.0"
    })
    void roundTrips(int width, int height, int bits, double density) throws Exception {
        SplittableRandom random = new SplittableRandom(width * 31L + height * 7L + bits);
        EbcotBlockEncoder encoder = new EbcotBlockEncoder();
        EbcotBlockDecoder decoder = new EbcotBlockDecoder();
        for (int orientation = 0; orientation < 4; orientation++) {
            int[] block = new int[width * height];
            for (int i = 0; i < block.length; i++) {
                if (random.nextDouble() < density) {
                    int m = random.nextInt(1 << (bits - 1), 1 << bits);
                    m >>= random.nextInt(bits); // mostly small magnitudes, some large
                    block[i] = random.nextBoolean() ? -m : m;
                }
            }
            int length = encoder.encode(block, 0, width, width, height, orientation);
            int planes = encoder.bitPlanes();
            int[] out = new int[block.length];
            if (length > 0) {
                decoder.decode(
                        encoder.bytes(),
                        encoder.start(),
                        new int[] {length},
                        new int[] {encoder.passes()},
                        1,
                        width,
                        height,
                        orientation,
                        planes,
                        0,
                        0,
                        out,
                        0,
                        width);
            }
            for (int i = 0; i < out.length; i++) {
                out[i] /= 2;
            }
            assertThat(out).as("orientation %d", orientation).isEqualTo(block);

            if (planes > 2) {
                // The first 3 (k - 1) + 1 passes carry the top k bit-planes: the rest reads as half a step.
                int k = planes / 2;
                int[] partial = new int[block.length];
                decoder.decode(
                        encoder.bytes(),
                        encoder.start(),
                        new int[] {length},
                        new int[] {3 * (k - 1) + 1},
                        1,
                        width,
                        height,
                        orientation,
                        planes,
                        0,
                        0,
                        partial,
                        0,
                        width);
                int dropped = planes - k;
                for (int i = 0; i < block.length; i++) {
                    int m = Math.abs(block[i]) >> dropped << dropped;
                    int expected = m == 0 ? 0 : 2 * m + (1 << dropped);
                    assertThat(Math.abs(partial[i]))
                            .as("truncated sample %d", i)
                            .isEqualTo(expected);
                }
            }
        }
    }
}
