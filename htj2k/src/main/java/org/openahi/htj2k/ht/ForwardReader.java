package org.openahi.htj2k.ht;

/**
 * Reads a forward-growing HT stream (MagSgn, SigProp) LSB first. A byte after 0xFF carries 7 bits. Past the end
 * the stream reads as the fill byte: 0xFF for MagSgn, 0 for SigProp (T.814 clauses 7.3.6 and 7.4).
 */
final class ForwardReader {

    private byte[] buf;
    private int pos;
    private int end;
    private int fill;
    private long acc;
    private int count;
    private boolean unstuff;

    void init(byte[] data, int offset, int length, int fillByte) {
        buf = data;
        pos = offset;
        end = offset + length;
        fill = fillByte;
        acc = 0;
        count = 0;
        unstuff = false;
        refill();
    }

    /** The next 32 bits, LSB first. */
    int peek() {
        if (count < 32) {
            refill();
        }
        return (int) acc;
    }

    void advance(int bits) {
        acc >>>= bits;
        count -= bits;
    }

    private void refill() {
        // Fast path: four bytes at once when none of them (nor the previous one) needs unstuffing.
        while (count <= 32 && !unstuff && end - pos >= 4) {
            int word = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
            if (hasFFByte(word)) {
                break;
            }
            acc |= (word & 0xFFFFFFFFL) << count;
            count += 32;
            pos += 4;
        }
        while (count <= 56) {
            int b = pos < end ? buf[pos++] & 0xFF : fill;
            if (unstuff) {
                acc |= (long) (b & 0x7F) << count;
                count += 7;
            } else {
                acc |= (long) b << count;
                count += 8;
            }
            unstuff = b == 0xFF;
        }
    }

    /** True when one of the four bytes is 0xFF (the classic has-zero-byte test on the complement). */
    static boolean hasFFByte(int word) {
        int inverted = ~word;
        return ((inverted - 0x01010101) & ~inverted & 0x80808080) != 0;
    }
}
