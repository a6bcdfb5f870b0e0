package org.openahi.htj2k.ht;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a forward-growing HT stream (MagSgn, SigProp) LSB first. A byte after 0xFF carries 7 bits. Past the end
 * the stream reads as the fill byte: 0xFF for MagSgn, 0 for SigProp (T.814 clauses 7.3.6 and 7.4).
 */
final class ForwardReader extends LsbBits {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int pos;
    private int end;
    private int fill;
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

    @Override
    void refill() {
        // Fast path: as many whole bytes as fit, read eight at a time, when none of them is 0xFF (so none needs
        // unstuffing) and the byte before was not 0xFF either.
        if (!unstuff && end - pos >= 8) {
            long word = (long) LONG_LE.get(buf, pos);
            if (!hasFFByte(word)) {
                int bytes = (63 - count) >> 3;
                acc |= (word & (-1L >>> (64 - 8 * bytes))) << count;
                count += 8 * bytes;
                pos += bytes;
                return;
            }
        }
        refillBytes();
    }

    /**
     * {@link #refill} a byte at a time, unstuffing and past the end: rare, and kept out of line so that the common
     * path stays small enough to be inlined into the decoding loops.
     */
    private void refillBytes() {
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

    /** True when one of the eight bytes is 0xFF (the classic has-zero-byte test on the complement). */
    static boolean hasFFByte(long word) {
        long inverted = ~word;
        return ((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L) != 0;
    }
}
