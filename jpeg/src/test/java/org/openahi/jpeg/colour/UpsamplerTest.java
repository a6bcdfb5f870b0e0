package org.openahi.jpeg.colour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openahi.jpeg.image.ChromaPlane;
import org.openahi.jpeg.image.Plane;

/** IJG's triangle filter for 2x1 and 2x2, replication elsewhere, and the lossless point transform. */
class UpsamplerTest {

    @Test
    void halfWidthIsInterpolatedThreeToOne() {
        Upsampler up = new Upsampler(plane(3, 1, 0, 100, 200), 1, 1, 2, 1, 6, true, 0);
        // ends copied; inside (3 * nearer + farther + 1 or 2) / 4
        assertThat(line(up, 0, 6)).containsExactly(0, 25, 75, 125, 175, 200);
    }

    @Test
    void halfSizeMixesTheLineAboveOrBelow() {
        Upsampler up = new Upsampler(plane(3, 2, 0, 0, 0, 160, 160, 160), 1, 1, 2, 2, 6, true, 0);
        assertThat(line(up, 0, 6))
                .as("the first line is replicated above the component")
                .containsOnly(0);
        // line 1 = 3/4 of input line 0 + 1/4 of input line 1 (below), with IJG's rounding
        assertThat(line(up, 1, 6)).containsOnly(40);
        assertThat(line(up, 2, 6)).containsOnly(120);
        assertThat(line(up, 3, 6))
                .as("the last line is replicated below the component")
                .containsOnly(160);
    }

    @Test
    void narrowComponentsAndLosslessImagesAreReplicated() {
        assertThat(line(new Upsampler(plane(2, 1, 10, 20), 1, 1, 2, 1, 4, true, 0), 0, 4))
                .as("two samples wide: IJG replicates")
                .containsExactly(10, 10, 20, 20);
        assertThat(line(new Upsampler(plane(2, 1, 10, 20), 1, 1, 2, 1, 4, false, 2), 0, 4))
                .as("lossless, point transform 2")
                .containsExactly(40, 40, 80, 80);
        assertThat(line(new Upsampler(plane(2, 1, 1, 2), 1, 1, 4, 1, 8, true, 0), 0, 8))
                .containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
    }

    @Test
    void fullResolutionLinesAreThePlaneItself() {
        Plane plane = plane(2, 2, 1, 2, 3, 4);
        Upsampler up = new Upsampler(plane, 1, 1, 1, 1, 2, true, 0);
        assertThat(up.line(1)).isSameAs(plane.samples());
        assertThat(up.offset()).isEqualTo(2);
    }

    @Test
    void aRingPlaneHoldsRowYAtRowYModuloItsRows() {
        Plane ring = new Plane(3, 8, 3, 3);
        assertThat(ring.rowOffset(1)).isEqualTo(3);
        assertThat(ring.rowOffset(4)).isEqualTo(3);
        assertThat(ring.rowOffset(6)).isEqualTo(0);
        int[] rows = {3, 4, 5};
        int[] values = {4, 8, 12};
        for (int i = 0; i < 3; i++) {
            Arrays.fill(ring.samples(), ring.rowOffset(rows[i]), ring.rowOffset(rows[i]) + 3, (short) values[i]);
        }
        Upsampler up = new Upsampler(ring, 1, 1, 2, 2, 6, true, 0);
        assertThat(line(up, 8, 6))
                .as("fancy 2x2 line 8: row 4 (8) with row 3 (4) above, (3 x 8 + 4) / 4")
                .containsOnly(7);
        assertThat(line(up, 9, 6)).as("line 9: row 4 with row 5 (12) below").containsOnly(9);
    }

    @Test
    void bytesWrittenIntoAnInterleavedImageAreTheLines() {
        Random random = new Random(14);
        for (int[] ratio : new int[][] {{2, 1}, {2, 2}, {1, 1}, {4, 1}, {2, 4}}) {
            for (int width : new int[] {1, 2, 3, 5, 6, 17, 32}) {
                int planeWidth = (width + ratio[0] - 1) / ratio[0];
                Upsampler cb = new Upsampler(randomPlane(random, planeWidth), 1, 1, ratio[0], ratio[1], width, true, 0);
                Upsampler cr = new Upsampler(randomPlane(random, planeWidth), 1, 1, ratio[0], ratio[1], width, true, 0);
                for (int y = 0; y < 5 * ratio[1]; y++) {
                    byte[] out = new byte[width * 3 + 2];
                    Arrays.fill(out, (byte) 0x5A);
                    cb.write(y, out, 2, 3);
                    cr.write(y, out, 3, 3);
                    assertChroma(out, cb, cr, y, width, "ratio " + ratio[0] + "x" + ratio[1]);
                }
            }
        }
    }

    @Test
    void cbAndCrFromTheirSharedPlaneAreTheLinesOfEach() {
        Random random = new Random(15);
        for (int vertical : new int[] {1, 2}) {
            for (int width : new int[] {5, 6, 7, 17, 32, 33, 320}) {
                int planeWidth = (width + 1) / 2;
                Plane b = randomPlane(random, planeWidth);
                Plane r = randomPlane(random, planeWidth);
                ChromaPlane shared = new ChromaPlane(planeWidth, 5, planeWidth + 3, 5);
                for (int i = 0; i < shared.cells().length; i++) {
                    shared.cells()[i] = b.samples()[i] | r.samples()[i] << 16;
                }
                Upsampler cb = new Upsampler(b, 1, 1, 2, vertical, width, true, 0);
                Upsampler cr = new Upsampler(r, 1, 1, 2, vertical, width, true, 0);
                int[] sums = new int[planeWidth];
                for (int y = 0; y < 5 * vertical; y++) {
                    byte[] out = new byte[width * 3 + 2];
                    Arrays.fill(out, (byte) 0x5A);
                    Upsampler.writeChroma(shared, vertical == 2, y, out, 2, width, sums);
                    assertChroma(out, cb, cr, y, width, "shared 2x" + vertical);
                }
            }
        }
    }

    /** Cb and Cr of line y at bytes 2 and 3 of each 3-byte pixel, and no other byte written. */
    private static void assertChroma(byte[] out, Upsampler cb, Upsampler cr, int y, int width, String what) {
        int[] expectedB = line(cb, y, width);
        int[] expectedR = line(cr, y, width);
        for (int x = 0; x < width; x++) {
            assertThat(new int[] {out[2 + 3 * x] & 0xFF, out[3 + 3 * x] & 0xFF})
                    .as("%s width %d line %d pixel %d", what, width, y, x)
                    .containsExactly(expectedB[x], expectedR[x]);
        }
        for (int i = 0; i < out.length; i++) {
            if (i < 2 || i >= 2 + 3 * width || (i - 1) % 3 == 0) {
                assertThat(out[i]).as("byte %d is not Cb's or Cr's", i).isEqualTo((byte) 0x5A);
            }
        }
    }

    private static Plane randomPlane(Random random, int width) {
        Plane plane = new Plane(width, 5, width + 3, 5);
        for (int i = 0; i < plane.samples().length; i++) {
            plane.samples()[i] = (short) random.nextInt(256);
        }
        return plane;
    }

    /** Output line y as ints. */
    private static int[] line(Upsampler up, int y, int width) {
        short[] s = up.line(y);
        int[] out = new int[width];
        for (int x = 0; x < width; x++) {
            out[x] = s[up.offset() + x] & 0xFFFF;
        }
        return out;
    }

    private static Plane plane(int width, int height, int... samples) {
        Plane p = new Plane(width, height, width, height);
        for (int i = 0; i < samples.length; i++) {
            p.samples()[i] = (short) samples[i];
        }
        return p;
    }
}
