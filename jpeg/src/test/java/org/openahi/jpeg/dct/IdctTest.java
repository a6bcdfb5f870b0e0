package org.openahi.jpeg.dct;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static int[] ones() {
        int[] q = new int[64];
        java.util.Arrays.fill(q, 1);
        return q;
    }
}
