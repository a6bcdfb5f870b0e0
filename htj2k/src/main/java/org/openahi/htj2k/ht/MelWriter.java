package org.openahi.htj2k.ht;

/**
 * The adaptive run-length (MEL) coder of the cleanup pass (T.814 clause 7.3.3). Bits go MSB first; after a 0xFF
 * byte the next byte carries 7 bits so that no 0xFF is followed by a byte above 0x7F.
 */
final class MelWriter {

    /** Run-length exponent of each of the 13 MEL states. */
    static final int[] EXPONENT = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5};

    final byte[] buf;
    int pos;
    int remainingBits;
    int tmp;
    private int run;
    private int state;
    private int threshold;

    MelWriter(int capacity) {
        buf = new byte[capacity];
    }

    void reset() {
        pos = 0;
        remainingBits = 8;
        tmp = 0;
        run = 0;
        state = 0;
        threshold = 1;
    }

    void encode(boolean event) {
        if (!event) {
            if (++run >= threshold) {
                emitBit(1);
                run = 0;
                state = Math.min(12, state + 1);
                threshold = 1 << EXPONENT[state];
            }
        } else {
            emitBit(0);
            for (int t = EXPONENT[state]; t > 0; ) {
                emitBit((run >> --t) & 1);
            }
            run = 0;
            state = Math.max(0, state - 1);
            threshold = 1 << EXPONENT[state];
        }
    }

    /** Codes an unfinished run as a complete one; the decoder never asks for the extra events. */
    void finishRun() {
        if (run > 0) {
            emitBit(1);
        }
    }

    private void emitBit(int bit) {
        tmp = (tmp << 1) | bit;
        if (--remainingBits == 0) {
            buf[pos++] = (byte) tmp;
            remainingBits = tmp == 0xFF ? 7 : 8;
            tmp = 0;
        }
    }
}
