package org.openahi.htj2k.ht;

/**
 * The VLC stream of the cleanup pass, which grows backwards from the end of the segment (T.814 clause 7.3.5).
 * {@code buf[0]} is the segment's last byte. Bits go LSB first; a byte written after one above 0x8F carries 7 bits
 * when its 7 bits are all ones, so that reading forward no 0xFF is followed by a byte above 0x8F.
 */
final class VlcWriter {

    final byte[] buf;
    int pos;
    private long acc;
    private int accBits;
    private boolean lastAbove8F;

    VlcWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** The last byte and the low nibble of the one before are reserved for Scup, written at termination. */
    void reset() {
        buf[0] = (byte) 0xFF;
        pos = 1;
        acc = 0xF;
        accBits = 4;
        lastAbove8F = true;
    }

    /** Appends the {@code length} (at most 32) low bits of {@code codeword}, first stream bit lowest. */
    void encode(long codeword, int length) {
        acc |= (codeword & ((1L << length) - 1)) << accBits;
        accBits += length;
        if (accBits >= 32) {
            flush();
        }
    }

    /** Writes every whole byte; what is left is less than a byte, {@link #tmp()} holding its {@link #usedBits()}. */
    void flush() {
        while (true) {
            if (lastAbove8F && accBits >= 7 && (acc & 0x7F) == 0x7F) {
                buf[pos++] = 0x7F; // the eighth bit is the stuffed zero
                acc >>>= 7;
                accBits -= 7;
                lastAbove8F = false;
            } else if (accBits >= 8) {
                int b = (int) acc & 0xFF;
                buf[pos++] = (byte) b;
                acc >>>= 8;
                accBits -= 8;
                lastAbove8F = b > 0x8F;
            } else {
                return;
            }
        }
    }

    /** The bits of the unfinished byte, after {@link #flush}. */
    int tmp() {
        return (int) acc;
    }

    int usedBits() {
        return accBits;
    }
}
