package org.openahi.htj2k.tier2;

import org.openahi.htj2k.Htj2kException;

/**
 * Reads packet header bits MSB first (T.800 B.10.1): after a 0xFF byte the next byte's most significant bit is a
 * stuffed 0 and is skipped.
 */
final class PacketHeaderReader {

    private byte[] data;
    private int pos;
    private int end;
    private int current;
    private int bitsLeft;
    private boolean lastFF;
    private long base;

    /** Reads {@code data[pos..end)}; {@code base} turns positions into input offsets for error messages. */
    void reset(byte[] data, int pos, int end, long base) {
        this.data = data;
        this.pos = pos;
        this.end = end;
        this.base = base;
        bitsLeft = 0;
        lastFF = false;
    }

    int bit() throws Htj2kException {
        if (bitsLeft == 0) {
            if (pos >= end) {
                throw new Htj2kException(0x0202, "packet header runs past the end of the tile data", position());
            }
            current = data[pos++] & 0xFF;
            bitsLeft = lastFF ? 7 : 8;
            lastFF = current == 0xFF;
        }
        return (current >> --bitsLeft) & 1;
    }

    int bits(int n) throws Htj2kException {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    /** Ends the header: drops the rest of the byte, and the byte after a final 0xFF that holds the stuffed bit. */
    void align() throws Htj2kException {
        bitsLeft = 0;
        if (lastFF) {
            if (pos >= end) {
                throw new Htj2kException(0x0203, "packet header ends in 0xFF at the end of the tile data", position());
            }
            pos++;
            lastFF = false;
        }
    }

    /** Next byte position in the array. */
    int pos() {
        return pos;
    }

    void seek(int position) {
        pos = position;
        bitsLeft = 0;
        lastFF = false;
    }

    int end() {
        return end;
    }

    byte[] data() {
        return data;
    }

    long position() {
        return base + pos;
    }
}
