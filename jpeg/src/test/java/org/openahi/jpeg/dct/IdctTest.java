package org.openahi.jpeg.dct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The integer inverse DCT against the textbook floating-point one (T.81 A.3.3), and its clamping. */
class IdctTest {

    @Test
    void flatBlocksAreExact() {
        for (int precision : new int[] {8, 12}) {
            Idct idct = new Idct(precision);
            int center = 1 << (precision - 1);
            for (int dc : new int[] {-center / 8, -5, 0, 3, center / 8 - 1}) {
                short[] coef = new short[64];
                coef[0] = (short) (dc * 8);
                short[] out = new short[64];
                idct.transform(coef, 0, ones(), out, 0, 8, Idct.shape(coef, 0));
                for (short v : out) {
                    assertThat(v).isEqualTo((short) (center + dc));
                }
            }
        }
    }

    /** IJG's islow is within 1 of the exact transform (rounded) wherever that is in range, nearly always equal. */
    @Test
    void randomBlocksAreWithinOneOfTheExactTransform() {
        Random random = new Random(1);
        for (int precision : new int[] {8, 12}) {
            Idct idct = new Idct(precision);
            int max = (1 << precision) - 1;
            long differ = 0;
            long checked = 0;
            for (int trial = 0; trial < 2000; trial++) {
                short[] coef = new short[64];
                int[] quant = new int[64];
                for (int k = 0; k < 64; k++) {
                    quant[k] = 1 + random.nextInt(16);
                    coef[k] = (short) (random.nextInt(k == 0 ? 200 : 30) - (k == 0 ? 100 : 15));
                }
                short[] out = new short[3 + 8 * 10];
                idct.transform(coef, 0, quant, out, 3, 10, Idct.shape(coef, 0));
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        double sum = 0;
                        for (int v = 0; v < 8; v++) {
                            for (int u = 0; u < 8; u++) {
                                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                                double cv = v == 0 ? Math.sqrt(0.5) : 1;
                                sum += cu
                                        * cv
                                        * coef[v * 8 + u]
                                        * quant[v * 8 + u]
                                        * Math.cos((2 * x + 1) * u * Math.PI / 16)
                                        * Math.cos((2 * y + 1) * v * Math.PI / 16);
                            }
                        }
                        long exact = Math.round(sum / 4 + (1 << (precision - 1)));
                        if (exact < 0 || exact > max) {
                            continue;
                        }
                        int ours = out[3 + y * 10 + x];
                        assertThat(Math.abs(ours - exact))
                                .as("precision %d sample (%d,%d)", precision, x, y)
                                .isLessThanOrEqualTo(1);
                        differ += ours != exact ? 1 : 0;
                        checked++;
                    }
                }
            }
            assertThat(differ)
                    .as("samples off by one at precision %d, of %d", precision, checked)
                    .isLessThan(checked / 20);
        }
    }

    @Test
    void resultsOutsideTheRangeAreClamped() {
        Idct idct = new Idct(8);
        short[] coef = new short[64];
        short[] out = new short[64];
        coef[0] = 4000;
        idct.transform(coef, 0, ones(), out, 0, 8, Idct.shape(coef, 0));
        assertThat(out[0]).isEqualTo((short) 255);
        coef[0] = -4000;
        idct.transform(coef, 0, ones(), out, 0, 8, Idct.shape(coef, 0));
        assertThat(out[0]).isEqualTo((short) 0);
    }

    /**
     * The byte output (an 8-bit component written into an interleaved image) gives the 16-bit output's samples, for
     * blocks of every shape (DC only, column 0 only, the upper-left 4 x 4, any), including corrupt coefficients that
     * the range limit wraps, and writes nothing between its samples.
     */
    @Test
    void bytesIntoAnInterleavedImageAreTheSamples() {
        Random random = new Random(14);
        Idct idct = new Idct(8);
        int step = 3;
        int stride = 8 * step + 5;
        for (int trial = 0; trial < 4000; trial++) {
            short[] coef = new short[64];
            int[] quant = new int[64];
            int rows = trial % 4 == 0 ? 1 : trial % 4 == 2 ? 4 : 8;
            int columns = trial % 4 == 0 || trial % 4 == 1 ? 1 : trial % 4 == 2 ? 4 : 8;
            int range = trial % 50 == 0 ? 2000 : 40;
            for (int k = 0; k < 64; k++) {
                quant[k] = 1 + random.nextInt(16);
                if (k / 8 < rows && k % 8 < columns) {
                    coef[k] = (short) (random.nextInt(2 * range + 1) - range);
                }
            }
            int shape = Idct.shape(coef, 0);
            short[] expected = new short[64];
            idct.transform(coef, 0, quant, expected, 0, 8, shape);
            byte[] out = new byte[2 + 8 * stride];
            Arrays.fill(out, (byte) 0x5A);
            idct.transform(coef, 0, quant, out, 2, step, stride, shape);
            for (int i = 0; i < out.length; i++) {
                int r = (i - 2) / stride;
                int inRow = (i - 2) % stride;
                boolean sample = i >= 2 && inRow % step == 0 && inRow / step < 8 && r < 8;
                if (sample) {
                    assertThat(out[i] & 0xFF)
                            .as("trial %d shape %x sample (%d,%d)", trial, shape, inRow / step, r)
                            .isEqualTo(expected[r * 8 + inRow / step] & 0xFFFF);
                } else {
                    assertThat(out[i])
                            .as("trial %d byte %d is no sample", trial, i)
                            .isEqualTo((byte) 0x5A);
                }
            }
        }
    }

    private static int[] ones() {
        int[] q = new int[64];
        Arrays.fill(q, 1);
        return q;
    }
}
