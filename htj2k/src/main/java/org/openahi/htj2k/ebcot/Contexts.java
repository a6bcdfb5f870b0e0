package org.openahi.htj2k.ebcot;

/**
 * The EBCOT coder's state and its context look-ups (T.800 D.3). The state is one int per stripe column (four rows of one x), as fast C coders keep it: the significance
 * of the 3 x 6 samples around the column (its four, the rows above and below, the columns either side), the signs
 * of its four samples and of those above and below it, and per sample whether it was refined and whether this
 * bit-plane's significance propagation pass visited it. A sample's contexts are then a shift, a mask and one table
 * read, a sample becoming significant updates three words (six on a stripe's first or last row), and a whole
 * column is skipped or coded in run-length mode on one read.
 *
 * <p>Bits: significance of row {@code r} (-1 to 4) and column {@code c} (0 west, 1 the column, 2 east) at
 * {@code 3 * (r + 1) + c}, so the 3 x 3 neighbourhood of row {@code r} is the nine bits from {@code 3 * r};
 * negative sign of row {@code r} of the column at {@link #SIGN_BITS} {@code + r + 1}; refined at {@link #REFINED}
 * {@code + r}; visited at {@link #VISITED} {@code + r} (0 to 3). The words of a block are bordered by one column
 * each side and one stripe above and below, so neighbours need no bounds checks.
 */
final class Contexts {

    /** The significance bits of the 3 x 6 neighbourhood: a column without any is coded in run-length mode. */
    static final int NEIGHBOURHOOD = (1 << 18) - 1;

    static final int SIGN_BITS = 18;
    static final int REFINED = 24;
    static final int VISITED = 28;
    static final int ALL_VISITED = 0xF << VISITED;

    /** In a row's nine neighbourhood bits (the word shifted right by {@code 3 * r}): the sample itself. */
    static final int SELF = 1 << 4;
    /** The eight neighbours in a row's nine bits. */
    static final int EIGHT = 0x1FF & ~SELF;

    /** Zero-coding context by orientation (LL 0, HL 1, LH 2, HH 3) and a row's nine bits: [o << 9 | bits]. */
    static final byte[] ZERO = new byte[4 << 9];
    /**
     * Sign context (9..13) and the bit XORed with the decoded sign (bit 5), by the bits {@link #signContext} gathers:
     * significance of the north (1), west (3), east (5) and south (7) neighbours, as in a row's nine bits, and
     * their negative signs (8, 10, 11, 12).
     */
    static final byte[] SIGN = new byte[1 << 13];

    static {
        for (int bits = 0; bits < 512; bits++) {
            int h = (bits >> 3 & 1) + (bits >> 5 & 1);
            int v = (bits >> 1 & 1) + (bits >> 7 & 1);
            int d = (bits & 1) + (bits >> 2 & 1) + (bits >> 6 & 1) + (bits >> 8 & 1);
            ZERO[bits] = (byte) lowPass(h, v, d);
            ZERO[1 << 9 | bits] = (byte) lowPass(v, h, d);
            ZERO[2 << 9 | bits] = (byte) lowPass(h, v, d);
            ZERO[3 << 9 | bits] = (byte) diagonal(h + v, d);
        }
        for (int i = 0; i < SIGN.length; i++) {
            int h = contribution(i, 3, 11) + contribution(i, 5, 12);
            int v = contribution(i, 1, 8) + contribution(i, 7, 10);
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

    /** The contribution of the neighbour whose significance and sign are bits {@code sig} and {@code neg}. */
    private static int contribution(int index, int sig, int neg) {
        return (index >> sig & 1) == 0 ? 0 : (index >> neg & 1) != 0 ? -1 : 1;
    }

    /** The mask of the significance bits of rows 0 to {@code rows - 1} of the column itself. */
    static int selves(int rows) {
        int mask = 0;
        for (int r = 0; r < rows; r++) {
            mask |= SELF << 3 * r;
        }
        return mask;
    }

    /**
     * The sign decision's context and XOR bit, as {@link #SIGN} gives them, of row {@code r} of the column
     * {@code word} between {@code west} and {@code east}.
     */
    static int signContext(int word, int west, int east, int r) {
        int index = (word >>> 3 * r & 0xAA) // significant N, W, E, S
                | (word >>> SIGN_BITS + r & 5) << 8 // negative N (row r - 1) and S (row r + 1)
                | (west >>> SIGN_BITS + r + 1 & 1) << 11
                | (east >>> SIGN_BITS + r + 1 & 1) << 12;
        return SIGN[index];
    }

    /**
     * Marks row {@code r} of the column at {@code i} significant with sign {@code negative} (0 or 1) in the words
     * around it and returns the column's own word, {@code word}, updated: the caller holds that one in a register.
     * Under the vertically causal style a sample of a stripe's first row leaves the stripe above unaware of it.
     */
    static int becomeSignificant(int[] words, int i, int stride, int word, int r, int negative, boolean causal) {
        words[i - 1] |= 1 << 3 * r + 5; // its east neighbour
        words[i + 1] |= 1 << 3 * r + 3; // its west neighbour
        if (r == 0 && !causal) {
            int above = i - stride;
            words[above - 1] |= 1 << 17;
            words[above] |= 1 << 16 | negative << SIGN_BITS + 5;
            words[above + 1] |= 1 << 15;
        } else if (r == 3) {
            int below = i + stride;
            words[below - 1] |= 1 << 2;
            words[below] |= 1 << 1 | negative << SIGN_BITS;
            words[below + 1] |= 1;
        }
        return word | SELF << 3 * r | negative << SIGN_BITS + r + 1;
    }
}
