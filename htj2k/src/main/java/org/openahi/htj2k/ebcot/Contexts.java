package org.openahi.htj2k.ebcot;

/**
 * Per-sample state of the EBCOT coder and the context look-ups built from it (T.800 D.3). Each sample has an int of
 * flags: the significance of its eight neighbours, the signs of its four direct neighbours, and its own
 * significance, sign, which bit-plane's significance pass last visited it and whether it was refined before. Neighbour bits
 * are kept up to date as samples become significant, so a context is one table look-up.
 */
final class Contexts {

    static final int SIG_N = 1;
    static final int SIG_S = 1 << 1;
    static final int SIG_W = 1 << 2;
    static final int SIG_E = 1 << 3;
    static final int SIG_NW = 1 << 4;
    static final int SIG_NE = 1 << 5;
    static final int SIG_SW = 1 << 6;
    static final int SIG_SE = 1 << 7;
    /** Any neighbour significant. */
    static final int NEIGHBOURS = 0xFF;

    static final int NEG_N = 1 << 8;
    static final int NEG_S = 1 << 9;
    static final int NEG_W = 1 << 10;
    static final int NEG_E = 1 << 11;
    static final int SIG = 1 << 12;
    static final int REFINED = 1 << 14;
    static final int NEG = 1 << 15;
    /**
     * The bit-plane whose significance propagation pass visited the sample, as {@link #visit}: a tag rather than a
     * bit, so nothing has to clear it when the plane's cleanup pass ends.
     */
    static final int VISITS = 0x3F << 16;

    /**
     * In a stripe column's summary (one int per four rows of one x, the block bordered by one column each side and
     * one stripe above and below): set once a sample in the column's neighbourhood (its three columns, its four rows
     * and the rows above and below) is significant. The low bits count the column's significant samples. A column
     * without it is skipped by the significance propagation pass and coded in run-length mode by the cleanup pass.
     */
    static final int NEAR = 8;

    /** Zero-coding context per orientation (LL 0, HL 1, LH 2, HH 3) and neighbour significance: [o << 8 | bits]. */
    static final byte[] ZERO = new byte[4 << 8];
    /** Sign context (9..13) and the bit XORed with the decoded sign (bit 5), by [sig N S W E | neg N S W E << 4]. */
    static final byte[] SIGN = new byte[256];

    static {
        for (int bits = 0; bits < 256; bits++) {
            int h = Integer.bitCount(bits & (SIG_W | SIG_E));
            int v = Integer.bitCount(bits & (SIG_N | SIG_S));
            int d = Integer.bitCount(bits & (SIG_NW | SIG_NE | SIG_SW | SIG_SE));
            ZERO[bits] = (byte) lowPass(h, v, d);
            ZERO[1 << 8 | bits] = (byte) lowPass(v, h, d);
            ZERO[2 << 8 | bits] = (byte) lowPass(h, v, d);
            ZERO[3 << 8 | bits] = (byte) diagonal(h + v, d);
        }
        for (int i = 0; i < 256; i++) {
            int h = contribution(i, SIG_W, NEG_W >> 4) + contribution(i, SIG_E, NEG_E >> 4);
            int v = contribution(i, SIG_N, NEG_N >> 4) + contribution(i, SIG_S, NEG_S >> 4);
            h = Math.max(-1, Math.min(1, h));
            v = Math.max(-1, Math.min(1, v));
            // Table D.3: H and V both 0 is context 9; the table is symmetric under negating both, with XOR 1.
            int flip = h < 0 || (h == 0 && v < 0) ? 1 : 0;
            if (flip == 1) {
                h = -h;
                v = -v;
            }
            int context = h == 0 ? 9 + Math.abs(v) : 12 + v;
            SIGN[i] = (byte) (context | flip << 5);
        }
    }

    private Contexts() {}

    /** Table D.1 for LL and LH (and HL with h and v swapped). */
    private static int lowPass(int h, int v, int d) {
        if (h == 2) {
            return 8;
        }
        if (h == 1) {
            return v >= 1 ? 7 : d >= 1 ? 6 : 5;
        }
        if (v == 2) {
            return 4;
        }
        if (v == 1) {
            return 3;
        }
        return d >= 2 ? 2 : d;
    }

    /** Table D.1 for HH. */
    private static int diagonal(int hv, int d) {
        if (d >= 3) {
            return 8;
        }
        if (d == 2) {
            return hv >= 1 ? 7 : 6;
        }
        if (d == 1) {
            return hv >= 2 ? 5 : 3 + hv;
        }
        return Math.min(hv, 2);
    }

    private static int contribution(int i, int sig, int neg) {
        return (i & sig) == 0 ? 0 : (i & neg) != 0 ? -1 : 1;
    }

    /** The tag {@link #VISITS} holds for a sample visited in the significance propagation pass of {@code plane}. */
    static int visit(int plane) {
        return (plane + 1) << 16;
    }

    /** Index into {@link #SIGN} for a sample's flags. */
    static int signIndex(int flags) {
        return (flags & 0xF) | (flags >> 4 & 0xF0);
    }

    /** Magnitude refinement context (Table D.4): 14 first time without significant neighbours, 15 with, 16 after. */
    static int refinement(int flags) {
        int near = (flags & NEIGHBOURS) + NEIGHBOURS >>> 8; // 1 with any neighbour significant, without a branch
        return 14 + Math.max((flags & REFINED) >>> 13, near);
    }

    /**
     * Counts a sample of the stripe column at {@code ci} that became significant in row {@code row} (0-3) of its
     * stripe and marks the columns whose neighbourhood it is in {@link #NEAR}; under the vertically causal style a
     * sample of a stripe's first row is outside the neighbourhood of the stripe above.
     */
    static void columnGainsSignificant(int[] columns, int ci, int columnStride, int row, boolean causal) {
        columns[ci - 1] |= NEAR;
        columns[ci] = (columns[ci] | NEAR) + 1;
        columns[ci + 1] |= NEAR;
        if (row == 0 && !causal) {
            int above = ci - columnStride;
            columns[above - 1] |= NEAR;
            columns[above] |= NEAR;
            columns[above + 1] |= NEAR;
        } else if (row == 3) {
            int below = ci + columnStride;
            columns[below - 1] |= NEAR;
            columns[below] |= NEAR;
            columns[below + 1] |= NEAR;
        }
    }

    /**
     * Marks the sample at {@code i} significant with sign {@code negative} and tells its neighbours. Under the
     * vertically causal style a sample in the first row of a stripe leaves the stripe above unaware of it.
     */
    static void becomeSignificant(int[] flags, int i, int stride, boolean negative, boolean causalRow) {
        flags[i] |= negative ? SIG | NEG : SIG;
        flags[i - 1] |= negative ? SIG_E | NEG_E : SIG_E;
        flags[i + 1] |= negative ? SIG_W | NEG_W : SIG_W;
        int below = i + stride;
        flags[below] |= negative ? SIG_N | NEG_N : SIG_N;
        flags[below - 1] |= SIG_NE;
        flags[below + 1] |= SIG_NW;
        if (!causalRow) {
            int above = i - stride;
            flags[above] |= negative ? SIG_S | NEG_S : SIG_S;
            flags[above - 1] |= SIG_SE;
            flags[above + 1] |= SIG_SW;
        }
    }
}
