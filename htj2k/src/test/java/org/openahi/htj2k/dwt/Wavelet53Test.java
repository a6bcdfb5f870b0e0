package org.openahi.htj2k.dwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Wavelet53Test {

    /** The lifting of T.800 F.4.8.2 written out on the natural-order signal, as a reference. */
    private static int[] referenceForward(int[] x, int parity) {
        int n = x.length;
        if (n == 1) {
            return new int[] {parity == 1 ? 2 * x[0] : x[0]};
        }
        int[] y = x.clone();
        for (int k = 0; k < n; k++) {
            if (((k + parity) & 1) == 1) {
                y[k] = x[k] - Math.floorDiv(at(x, k - 1) + at(x, k + 1), 2);
            }
        }
        int[] z = y.clone();
        for (int k = 0; k < n; k++) {
            if (((k + parity) & 1) == 0) {
                z[k] = y[k] + Math.floorDiv(at(y, k - 1) + at(y, k + 1) + 2, 4);
            }
        }
        int[] out = new int[n];
        int lows = parity == 0 ? (n + 1) / 2 : n / 2;
        for (int k = 0; k < n; k++) {
            out[((k + parity) & 1) == 0 ? k / 2 : lows + k / 2] = z[k];
        }
        return out;
    }

    /** Symmetric extension: x[-k] = x[k], x[n - 1 + k] = x[n - 1 - k]. */
    private static int at(int[] x, int k) {
        int n = x.length;
        if (k < 0) {
            k = -k;
        }
        if (k >= n) {
            k = 2 * (n - 1) - k;
        }
        return x[k];
    }

    @Test
    void matchesTheStandardsLiftingAndInvertsIt() {
        SplittableRandom random = new SplittableRandom(5);
        for (int width = 1; width <= 40; width++) {
            for (int height = 1; height <= 9; height++) {
                for (int xp = 0; xp <= 1; xp++) {
                    for (int yp = 0; yp <= 1; yp++) {
                        int stride = width + 3;
                        int[] buf = new int[stride * height + 2];
                        for (int i = 0; i < buf.length; i++) {
                            buf[i] = random.nextInt(-70000, 70000);
                        }
                        int[] original = buf.clone();
                        int[] expected = buf.clone();
                        // reference: columns, then rows
                        for (int x = 0; x < width; x++) {
                            int[] col = new int[height];
                            for (int y = 0; y < height; y++) {
                                col[y] = expected[2 + y * stride + x];
                            }
                            col = referenceForward(col, yp);
                            for (int y = 0; y < height; y++) {
                                expected[2 + y * stride + x] = col[y];
                            }
                        }
                        for (int y = 0; y < height; y++) {
                            int[] row = new int[width];
                            System.arraycopy(expected, 2 + y * stride, row, 0, width);
                            System.arraycopy(referenceForward(row, xp), 0, expected, 2 + y * stride, width);
                        }
                        int[] tmp = new int[Wavelet53.scratchSize(width, height)];
                        Wavelet53.forward(buf, 2, stride, width, height, xp, yp, tmp);
                        assertThat(buf)
                                .as("forward %dx%d parity %d,%d", width, height, xp, yp)
                                .isEqualTo(expected);
                        // out of place, the LL quadrant read from an array of its own
                        int[] low = new int[buf.length + 5];
                        System.arraycopy(buf, 0, low, 5, buf.length);
                        // only its LL quadrant may be read: the rest of that array holds something else
                        for (int y = 0; y < height; y++) {
                            for (int x = 0; x < width; x++) {
                                if (y >= Wavelet53.lows(height, yp) || x >= Wavelet53.lows(width, xp)) {
                                    low[7 + y * stride + x] = -99_999;
                                }
                            }
                        }
                        // in two parts split at some row, each with its own scratch, as threads do
                        int[] out = new int[stride * height + 1];
                        int split = random.nextInt(height + 1);
                        Wavelet53.inverse(
                                new Wavelet53.LevelSources(low, null, 7, stride, buf, 2, stride, width, height, xp, yp),
                                out,
                                1,
                                stride,
                                split,
                                height,
                                Wavelet53.inverseScratch(width));
                        Wavelet53.inverse(
                                new Wavelet53.LevelSources(low, null, 7, stride, buf, 2, stride, width, height, xp, yp),
                                out,
                                1,
                                stride,
                                0,
                                split,
                                Wavelet53.inverseScratch(width));
                        for (int y = 0; y < height; y++) {
                            System.arraycopy(out, 1 + y * stride, buf, 2 + y * stride, width);
                        }
                        assertThat(buf)
                                .as("inverse %dx%d parity %d,%d", width, height, xp, yp)
                                .isEqualTo(original);
                    }
                }
            }
        }
    }

    @Test
    void handsTheLastLevelsRowsSplitIntoEvenAndOddColumns() {
        SplittableRandom random = new SplittableRandom(7);
        for (int width = 1; width <= 40; width++) {
            for (int height = 1; height <= 6; height++) {
                for (int xp = 0; xp <= 1; xp++) {
                    for (int yp = 0; yp <= 1; yp++) {
                        int[] bands = random.ints(width * height, -70000, 70000).toArray();
                        int[] natural = inverseWhole(bands, width, height, xp, yp);
                        int[] interleaved = new int[width * height];
                        int evens = Wavelet53.splitRowEvens(width);
                        int w = width;
                        Wavelet53.inverse(
                                new Wavelet53.LevelSources(
                                        bands, null, 0, width, bands, 0, width, width, height, xp, yp),
                                0,
                                height,
                                Wavelet53.inverseScratch(width),
                                (y, samples, offset) -> {
                                    for (int x = 0; x < w; x++) {
                                        interleaved[y * w + x] = samples[offset + (x >> 1) + (x & 1) * evens];
                                    }
                                });
                        assertThat(interleaved)
                                .as("split rows %dx%d parity %d,%d", width, height, xp, yp)
                                .isEqualTo(natural);
                    }
                }
            }
        }
    }

    /**
     * A level inverted into packed rows (little-endian ints in a byte[], at an offset and stride of their own) equals
     * the natural-order inverse, whether its LL quadrant comes from an int[] or from packed rows of the level below;
     * the bytes around the level's rows are left as they were.
     */
    @Test
    void invertsIntoPackedRowsFromEitherKindOfLowPassQuadrant() {
        SplittableRandom random = new SplittableRandom(13);
        java.lang.invoke.VarHandle ints =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int width = 1; width <= 23; width++) {
            for (int height = 1; height <= 7; height++) {
                for (int xp = 0; xp <= 1; xp++) {
                    for (int yp = 0; yp <= 1; yp++) {
                        int[] bands = random.ints(width * height, -70000, 70000).toArray();
                        int[] natural = inverseWhole(bands, width, height, xp, yp);
                        // the same LL quadrant as packed rows 2 samples in, with a stride of width + 5
                        int lowStride = width + 5;
                        byte[] packedLow = new byte[4 * (2 + lowStride * height)];
                        for (int y = 0; y < height; y++) {
                            for (int x = 0; x < width; x++) {
                                ints.set(packedLow, 4 * (2 + y * lowStride + x), bands[y * width + x]);
                            }
                        }
                        for (boolean fromPacked : new boolean[] {false, true}) {
                            int dstStride = width + 3;
                            byte[] dst = new byte[4 * (1 + dstStride * height + 3)];
                            java.util.Arrays.fill(dst, (byte) 0x5A);
                            Wavelet53.inversePacked(
                                    new Wavelet53.LevelSources(
                                            fromPacked ? null : bands,
                                            fromPacked ? packedLow : null,
                                            fromPacked ? 2 : 0,
                                            fromPacked ? lowStride : width,
                                            bands,
                                            0,
                                            width,
                                            width,
                                            height,
                                            xp,
                                            yp),
                                    dst,
                                    1,
                                    dstStride,
                                    Wavelet53.inverseScratch(width));
                            int[] got = new int[width * height];
                            for (int y = 0; y < height; y++) {
                                for (int x = 0; x < width; x++) {
                                    got[y * width + x] = (int) ints.get(dst, 4 * (1 + y * dstStride + x));
                                }
                                for (int x = width; x < dstStride && y < height - 1; x++) {
                                    assertThat((int) ints.get(dst, 4 * (1 + y * dstStride + x)))
                                            .isEqualTo(0x5A5A5A5A);
                                }
                            }
                            assertThat((int) ints.get(dst, 0)).isEqualTo(0x5A5A5A5A);
                            assertThat(got)
                                    .as(
                                            "packed %dx%d parity %d,%d, LL %s",
                                            width, height, xp, yp, fromPacked ? "packed" : "int[]")
                                    .isEqualTo(natural);
                        }
                    }
                }
            }
        }
    }

    /**
     * A ring level that pulls its LL rows one at a time from the level below ({@link Wavelet53#pulled}) gives what
     * inverting the lower level whole, then the upper one, gives.
     */
    @Test
    void pullsTheLowPassQuadrantFromTheLevelBelow() {
        SplittableRandom random = new SplittableRandom(17);
        for (int width = 1; width <= 19; width++) {
            for (int height = 2; height <= 13; height++) {
                for (int xp = 0; xp <= 1; xp++) {
                    for (int yp = 0; yp <= 1; yp++) {
                        int lowWidth = Wavelet53.lows(width, xp);
                        int lowHeight = Wavelet53.lows(height, yp);
                        if (lowWidth == 0) {
                            continue;
                        }
                        // the level below, of parity 1,0, its output the upper level's LL quadrant
                        int[] lowBands =
                                random.ints(lowWidth * lowHeight, -70000, 70000).toArray();
                        int[] lowNatural = inverseWhole(lowBands, lowWidth, lowHeight, 1, 0);
                        int[] bands = random.ints(width * height, -70000, 70000).toArray();
                        for (int y = 0; y < lowHeight; y++) {
                            System.arraycopy(lowNatural, y * lowWidth, bands, y * width, lowWidth);
                        }
                        int[] natural = inverseWhole(bands, width, height, xp, yp);
                        int nh = height - lowHeight;
                        int ringRows = Integer.highestOneBit(Math.max(lowHeight, nh)) * 2;
                        int[] ring = new int[2 * ringRows * width];
                        for (int i = 0; i < lowHeight; i++) {
                            System.arraycopy(bands, i * width + lowWidth, ring, i * width + lowWidth, width - lowWidth);
                        }
                        for (int i = 0; i < nh; i++) {
                            System.arraycopy(bands, (lowHeight + i) * width, ring, (ringRows + i) * width, width);
                        }
                        int[] got = new int[width * height];
                        int evens = Wavelet53.splitRowEvens(width);
                        int w = width;
                        Wavelet53.Pulled below = Wavelet53.pulled(
                                new Wavelet53.LevelSources(
                                        lowBands, null, 0, lowWidth, lowBands, 0, lowWidth, lowWidth, lowHeight, 1, 0),
                                Wavelet53.inverseScratch(lowWidth));
                        Wavelet53.inverseFromRing(
                                        below,
                                        ring,
                                        width,
                                        ringRows,
                                        width,
                                        height,
                                        xp,
                                        yp,
                                        Wavelet53.inverseScratch(width),
                                        (y, samples, offset) -> {
                                            for (int x = 0; x < w; x++) {
                                                got[y * w + x] = samples[offset + (x >> 1) + (x & 1) * evens];
                                            }
                                        })
                                .rows(0, height);
                        assertThat(got)
                                .as("pulled LL, %dx%d parity %d,%d", width, height, xp, yp)
                                .isEqualTo(natural);
                    }
                }
            }
        }
    }

    /**
     * A level whose subbands arrive a code-block row at a time into a ring of two such rows, as the decoder's last
     * level does: each output row asked for as soon as the rows it needs have arrived, rows older than the ring
     * overwritten (with poison first, so a late read would show), and the rows equal to the whole-plane inverse.
     */
    @Test
    void invertsALevelFromARingOfCodeBlockRows() {
        SplittableRandom random = new SplittableRandom(11);
        for (int blockHeight : new int[] {1, 2, 4, 8}) {
            int ringRows = 2 * blockHeight;
            for (int width = 1; width <= 12; width++) {
                for (int height = 2; height <= 41; height++) {
                    for (int xp = 0; xp <= 1; xp++) {
                        for (int yp = 0; yp <= 1; yp++) {
                            int[] bands =
                                    random.ints(width * height, -70000, 70000).toArray();
                            int[] natural = inverseWhole(bands, width, height, xp, yp);
                            int nl = Wavelet53.lows(height, yp);
                            int nh = height - nl;
                            int lowColumns = Wavelet53.lows(width, xp);
                            int[] ring = new int[2 * ringRows * width];
                            int[] got = new int[width * height];
                            int evens = Wavelet53.splitRowEvens(width);
                            int w = width;
                            Wavelet53.Level level = Wavelet53.inverseFromRing(
                                    bands,
                                    0,
                                    width,
                                    ring,
                                    width,
                                    ringRows,
                                    width,
                                    height,
                                    xp,
                                    yp,
                                    Wavelet53.inverseScratch(width),
                                    (y, samples, offset) -> {
                                        for (int x = 0; x < w; x++) {
                                            got[y * w + x] = samples[offset + (x >> 1) + (x & 1) * evens];
                                        }
                                    });
                            int blockRows = (Math.max(nl, nh) + blockHeight - 1) / blockHeight;
                            int done = 0;
                            for (int j = 0; j < blockRows; j++) {
                                for (int i = j * blockHeight; i < (j + 1) * blockHeight; i++) {
                                    int slot = i & (ringRows - 1);
                                    java.util.Arrays.fill(ring, slot * width, (slot + 1) * width, -88_888);
                                    java.util.Arrays.fill(
                                            ring, (ringRows + slot) * width, (ringRows + slot + 1) * width, -77_777);
                                    if (i < nl) { // HL
                                        System.arraycopy(
                                                bands,
                                                i * width + lowColumns,
                                                ring,
                                                slot * width + lowColumns,
                                                width - lowColumns);
                                    }
                                    if (i < nh) { // LH and HH
                                        System.arraycopy(
                                                bands, (nl + i) * width, ring, (ringRows + slot) * width, width);
                                    }
                                }
                                int to = j == blockRows - 1 ? height : Math.min(height, 2 * (j + 1) * blockHeight - 2);
                                if (to > done) {
                                    level.rows(done, to);
                                    done = to;
                                }
                            }
                            assertThat(got)
                                    .as("ring of %d rows, %dx%d parity %d,%d", ringRows, width, height, xp, yp)
                                    .isEqualTo(natural);
                        }
                    }
                }
            }
        }
    }

    @Test
    void leavesEmptyLevelsAlone() {
        int[] buf = {1, 2, 3};
        int[] tmp = new int[8];
        Wavelet53.inverse(
                new Wavelet53.LevelSources(buf, null, 0, 1, buf, 0, 1, 0, 3, 1, 1),
                buf,
                0,
                1,
                0,
                3,
                Wavelet53.inverseScratch(0));
        Wavelet53.inverse(
                new Wavelet53.LevelSources(buf, null, 0, 3, buf, 0, 3, 3, 0, 1, 0),
                buf,
                0,
                3,
                0,
                0,
                Wavelet53.inverseScratch(3));
        Wavelet53.forward(buf, 0, 1, 0, 3, 1, 1, tmp);
        assertThat(buf).containsExactly(1, 2, 3);
    }

    @Test
    void biboGainsOfTheFiveThreeFilters() {
        assertThat(BiboGains.low(0)).isEqualTo(1.0);
        assertThat(BiboGains.low(1)).isEqualTo(1.5);
        assertThat(BiboGains.low(2)).isEqualTo(1.625);
        assertThat(BiboGains.high(0)).isEqualTo(2.0);
        assertThat(BiboGains.high(1)).isEqualTo(2.5);
        assertThat(BiboGains.high(2)).isEqualTo(2.75);
        assertThat(BiboGains.low(5)).isBetween(1.7066, 1.7068);
        assertThat(BiboGains.high(5)).isBetween(2.8409, 2.8411);
    }

    /** The whole-plane inverse of one level, the reference the other paths are compared with. */
    private static int[] inverseWhole(int[] bands, int width, int height, int xp, int yp) {
        int[] natural = new int[width * height];
        Wavelet53.inverse(
                new Wavelet53.LevelSources(bands, null, 0, width, bands, 0, width, width, height, xp, yp),
                natural,
                0,
                width,
                0,
                height,
                Wavelet53.inverseScratch(width));
        return natural;
    }
}
