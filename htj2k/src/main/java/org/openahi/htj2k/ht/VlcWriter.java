package org.openahi.htj2k.ht;

/**
 * The VLC stream of the cleanup pass, which grows backwards from the end of the segment (T.814 clause 7.3.5).
 * {@code buf[0]} is the segment's last byte. Bits go LSB first; a byte written after one above 0x8F carries 7 bits
 * when its 7 bits are all ones, so that reading forward no 0xFF is followed by a byte above 0x8F.
 */
final class VlcWriter {

    final byte[] buf;
    int pos;
    int usedBits;
    int tmp;
    private boolean lastAbove8F;

    VlcWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** The last byte and the low nibble of the one before are reserved for Scup, written at termination. */
    void reset() {
        buf[0] = (byte) 0xFF;
        pos = 1;
        usedBits = 4;
        tmp = 0xF;
        lastAbove8F = true;
    }

    void encode(int codeword, int length) {
        while (length > 0) {
            int avail = 8 - (lastAbove8F ? 1 : 0) - usedBits;
            int t = Math.min(avail, length);
            tmp |= (codeword & ((1 << t) - 1)) << usedBits;
            usedBits += t;
            avail -= t;
            length -= t;
            codeword >>>= t;
            if (avail == 0) {
                if (lastAbove8F && tmp != 0x7F) {
                    lastAbove8F = false; // the stuffing bit is not needed: it carries data
                    continue;
                }
                buf[pos++] = (byte) tmp;
                lastAbove8F = tmp > 0x8F;
                tmp = 0;
                usedBits = 0;
            }
        }
    }
}
