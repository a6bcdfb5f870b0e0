package org.openahi.htj2k.ebcot;

/**
 * The MQ coder's probability estimation state machine (T.800 Annex C, Table C.2): 47 states, each with its LPS
 * probability Qe, the next state after an MPS and after an LPS, and whether an LPS flips the MPS symbol.
 *
 * <p>A context is held as one int, its state word {@code qe << 8 | state << 1 | mps}: Qe and the MPS are read from
 * it without a table, and the tables below, indexed by its low byte, give the next state word, so a coder reads one
 * table per decision and only when the context moves on.
 */
final class MqStates {

    /** Qe, next state on MPS, next state on LPS, switch, for states 0 to 46 (T.800 Table C.2). */
    private static final int[][] TABLE = {
        {0x5601, 1, 1, 1}, {0x3401, 2, 6, 0}, {0x1801, 3, 9, 0}, {0x0AC1, 4, 12, 0}, {0x0521, 5, 29, 0},
        {0x0221, 38, 33, 0}, {0x5601, 7, 6, 1}, {0x5401, 8, 14, 0}, {0x4801, 9, 14, 0}, {0x3801, 10, 14, 0},
        {0x3001, 11, 17, 0}, {0x2401, 12, 18, 0}, {0x1C01, 13, 20, 0}, {0x1601, 29, 21, 0}, {0x5601, 15, 14, 1},
        {0x5401, 16, 14, 0}, {0x5101, 17, 15, 0}, {0x4801, 18, 16, 0}, {0x3801, 19, 17, 0}, {0x3401, 20, 18, 0},
        {0x3001, 21, 19, 0}, {0x2801, 22, 19, 0}, {0x2401, 23, 20, 0}, {0x2201, 24, 21, 0}, {0x1C01, 25, 22, 0},
        {0x1801, 26, 23, 0}, {0x1601, 27, 24, 0}, {0x1401, 28, 25, 0}, {0x1201, 29, 26, 0}, {0x1101, 30, 27, 0},
        {0x0AC1, 31, 28, 0}, {0x09C1, 32, 29, 0}, {0x08A1, 33, 30, 0}, {0x0521, 34, 31, 0}, {0x0441, 35, 32, 0},
        {0x02A1, 36, 33, 0}, {0x0221, 37, 34, 0}, {0x0141, 38, 35, 0}, {0x0111, 39, 36, 0}, {0x0085, 40, 37, 0},
        {0x0049, 41, 38, 0}, {0x0025, 42, 39, 0}, {0x0015, 43, 40, 0}, {0x0009, 44, 41, 0}, {0x0005, 45, 42, 0},
        {0x0001, 45, 43, 0}, {0x5601, 46, 46, 0},
    };

    /** The state word after coding its MPS, by the low byte of the state word. */
    static final int[] NEXT_MPS = new int[94];
    /** The state word after coding its LPS (the MPS flips where the table says so), by its low byte. */
    static final int[] NEXT_LPS = new int[94];

    /** {@code NEXT[low byte << 1 | 0]} is {@link #NEXT_LPS}, {@code NEXT[low byte << 1 | 1]} {@link #NEXT_MPS}. */
    static final int[] NEXT = new int[188];

    /** Contexts of the EBCOT coder (T.800 Table D.7): zero coding 0-8, sign 9-13, refinement 14-16, run, uniform. */
    static final int CONTEXTS = 19;

    static final int RUN = 17;
    static final int UNIFORM = 18;

    static {
        for (int s = 0; s < 47; s++) {
            for (int mps = 0; mps < 2; mps++) {
                int packed = s << 1 | mps;
                NEXT_MPS[packed] = word(TABLE[s][1], mps);
                NEXT_LPS[packed] = word(TABLE[s][2], TABLE[s][3] == 1 ? 1 - mps : mps);
                NEXT[packed << 1] = NEXT_LPS[packed];
                NEXT[packed << 1 | 1] = NEXT_MPS[packed];
            }
        }
    }

    private MqStates() {}

    /** The state word of state {@code s} (0 to 46) with MPS {@code mps}. */
    private static int word(int s, int mps) {
        return TABLE[s][0] << 8 | s << 1 | mps;
    }

    /** Every context at state 0 but the uniform (46), run-length (3) and first zero-coding (4) ones (T.800 D.7). */
    static void reset(int[] contexts) {
        java.util.Arrays.fill(contexts, word(0, 0));
        contexts[UNIFORM] = word(46, 0);
        contexts[RUN] = word(3, 0);
        contexts[0] = word(4, 0);
    }
}
