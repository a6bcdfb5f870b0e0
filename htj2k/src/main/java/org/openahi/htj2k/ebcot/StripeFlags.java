package org.openahi.htj2k.ebcot;

/**
 * The coder's state as one int per stripe column (four rows of one x), as fast C coders keep it: the significance
 * of the 3 x 6 samples around the column (its four, the rows above and below, the columns either side), the signs
 * of its four samples and of those above and below it, and per sample whether it was refined and whether this
 * bit-plane's significance propagation pass visited it. A sample's contexts are then a shift, a mask and one table
 * read, and a sample becoming significant updates three words (six on a stripe's first or last row) instead of nine
 * per-sample words.
 *
 * <p>Bits: significance of row {@code r} (-1 to 4) and column {@code c} (0 west, 1 the column, 2 east) at
 * {@code 3 * (r + 1) + c}, so the 3 x 3 neighbourhood of row {@code r} is the nine bits from {@code 3 * r};
 * negative sign of row {@code r} of the column at {@link #SIGN_BITS} {@code + r + 1}; refined at {@link #REFINED}
 * {@code + r}; visited at {@link #VISITED} {@code + r} (0 to 3). The words of a block are bordered by one column
 * each side and one stripe above and below, so neighbours need no bounds checks.
 */
final class StripeFlags {

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

    static {
        for (int o = 0; o < 4; o++) {
            for (int bits = 0; bits < 512; bits++) {
                ZERO[o << 9 | bits] = Contexts.ZERO[o << 8 | perSample(bits)];
            }
        }
    }

    private StripeFlags() {}

    /** A row's nine bits as {@link Contexts}' per-sample neighbour bits, whose tables hold the rules of T.800 D.3. */
    private static int perSample(int bits) {
        int[] order = {
            Contexts.SIG_NW,
            Contexts.SIG_N,
            Contexts.SIG_NE,
            Contexts.SIG_W,
            0,
            Contexts.SIG_E,
            Contexts.SIG_SW,
            Contexts.SIG_S,
            Contexts.SIG_SE
        };
        int flags = 0;
        for (int i = 0; i < 9; i++) {
            if ((bits >> i & 1) != 0) {
                flags |= order[i];
            }
        }
        return flags;
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
     * The sign decision's context and XOR bit, as {@link Contexts#SIGN} gives them, of row {@code r} of the column
     * {@code word} between {@code west} and {@code east}.
     */
    static int signContext(int word, int west, int east, int r) {
        int t = word >>> 3 * r;
        int index = (t >>> 1 & 1) // significant N
                | (t >>> 6 & 2) // S (bit 7)
                | (t & 8) >>> 1 // W (bit 3)
                | (t >>> 2 & 8) // E (bit 5)
                | (word >>> SIGN_BITS + r & 1) << 4 // negative N
                | (word >>> SIGN_BITS + r + 2 & 1) << 5 // S
                | (west >>> SIGN_BITS + r + 1 & 1) << 6 // W
                | (east >>> SIGN_BITS + r + 1 & 1) << 7; // E
        return Contexts.SIGN[index];
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
