package org.openahi.htj2k.ht;

/**
 * Decodes MEL events (T.814 clause 7.3.3). The MEL bytes start Scup bytes before the end of the cleanup segment and
 * are read MSB first; a byte after 0xFF carries 7 bits. The last byte the MEL may reach is the one whose low nibble
 * holds Scup, which reads with that nibble set; past it the stream reads as 0xFF.
 */
final class MelReader {

    private byte[] buf;
    private int pos;
    private int end;
    private int current;
    private int bitsLeft;
    private boolean lastFF;
    private int state;
    private int zerosPending;
    private boolean onePending;

    void init(byte[] data, int offset, int lcup, int scup) {
        buf = data;
        pos = offset + lcup - scup;
        end = offset + lcup - 1;
        bitsLeft = 0;
        lastFF = false;
        state = 0;
        zerosPending = 0;
        onePending = false;
    }

    /** The next event: 1 when a quad (or the pair's u) is significant, else 0. */
    int next() {
        if (zerosPending > 0) {
            zerosPending--;
            return 0;
        }
        if (onePending) {
            onePending = false;
            return 1;
        }
        int exponent = MelWriter.EXPONENT[state];
        if (bit() == 1) {
            // a complete run of 2^exponent zero events
            zerosPending = (1 << exponent) - 1;
            state = Math.min(12, state + 1);
            return 0;
        }
        int run = 0;
        for (int i = 0; i < exponent; i++) {
            run = (run << 1) | bit();
        }
        state = Math.max(0, state - 1);
        if (run == 0) {
            return 1;
        }
        zerosPending = run - 1;
        onePending = true;
        return 0;
    }

    private int bit() {
        if (bitsLeft == 0) {
            int b = 0xFF;
            if (pos < end) {
                b = buf[pos] & 0xFF;
                if (pos == end - 1) {
                    b |= 0x0F;
                }
                pos++;
            }
            current = b;
            bitsLeft = lastFF ? 7 : 8;
            lastFF = b == 0xFF;
        }
        return (current >> --bitsLeft) & 1;
    }
}
