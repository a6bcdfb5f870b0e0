package org.openahi.htj2k.tier2;

import java.util.Arrays;

/**
 * Writes packet header bits MSB first (T.800 B.10.1): after a 0xFF byte the next byte starts with a stuffed 0 bit.
 * Grows as needed; reused across packets.
 */
final class PacketHeaderWriter {

    private byte[] buf = new byte[256];
    private int pos;
    private int current;
    private int bitsLeft = 8;

    void reset() {
        pos = 0;
        current = 0;
        bitsLeft = 8;
    }

    void bit(int bit) {
        current = (current << 1) | bit;
        if (--bitsLeft == 0) {
            put(current);
            bitsLeft = current == 0xFF ? 7 : 8;
            current = 0;
        }
    }

    void bits(int value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            bit((value >>> i) & 1);
        }
    }

    /**
     * Pads the last byte with zeros. After a final 0xFF (7 bits left and none written) this emits the 0x00 byte
     * that carries the stuffed bit, as the header must not end in 0xFF.
     */
    void finish() {
        if (bitsLeft < 8) {
            put(current << bitsLeft);
        }
        bitsLeft = 8;
        current = 0;
    }

    int length() {
        return pos;
    }

    byte[] buffer() {
        return buf;
    }

    private void put(int b) {
        if (pos == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[pos++] = (byte) b;
    }
}
