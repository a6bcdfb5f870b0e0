package org.openahi.htj2k.ht;

/**
 * The MagSgn stream of the cleanup pass (T.814 clause 7.3.6): magnitude and sign bits packed LSB first, growing
 * forward from the start of the segment. After a 0xFF byte the next byte carries 7 bits.
 */
final class MagSgnWriter {

    final byte[] buf;
    int pos;
    private long acc;
    private int accBits;
    private boolean lastFF;

    MagSgnWriter(int capacity) {
        buf = new byte[capacity];
    }

    void reset() {
        pos = 0;
        acc = 0;
        accBits = 0;
        lastFF = false;
    }

    /** Appends {@code bits}, which has no bit set at or above {@code length} (0 to 32). */
    void encode(long bits, int length) {
        acc |= bits << accBits;
        accBits += length;
        if (accBits >= 32) {
            int word = (int) acc;
            int inverted = ~word;
            if (!lastFF && ((inverted - 0x01010101) & ~inverted & 0x80808080) == 0) {
                // the usual case, no 0xFF among the next four bytes: no stuffing, so they go out as they are
                buf[pos] = (byte) word;
                buf[pos + 1] = (byte) (word >> 8);
                buf[pos + 2] = (byte) (word >> 16);
                buf[pos + 3] = (byte) (word >> 24);
                pos += 4;
                acc >>>= 32;
                accBits -= 32;
            } else {
                flush();
            }
        }
    }

    private void flush() {
        while (accBits >= 8) {
            int b;
            if (lastFF) {
                b = (int) acc & 0x7F;
                acc >>>= 7;
                accBits -= 7;
            } else {
                b = (int) acc & 0xFF;
                acc >>>= 8;
                accBits -= 8;
            }
            buf[pos++] = (byte) b;
            lastFF = b == 0xFF;
        }
    }

    /**
     * Pads the last byte with ones and drops it when it becomes 0xFF (the decoder feeds 0xFF past the end); a
     * trailing 0xFF is dropped too, so that the segment never ends in 0xFF before the MEL bytes.
     */
    void terminate() {
        flush();
        int byteBits = lastFF ? 7 : 8;
        if (accBits > 0) {
            int b = (int) (acc | (0xFFL << accBits)) & ((1 << byteBits) - 1);
            if (b != 0xFF) {
                buf[pos++] = (byte) b;
            }
        } else if (lastFF) {
            pos--;
        }
    }
}
