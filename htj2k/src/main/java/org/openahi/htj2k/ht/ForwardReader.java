package org.openahi.htj2k.ht;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a forward-growing HT stream (MagSgn, SigProp) LSB first. A byte after 0xFF carries 7 bits. Past the end
 * the stream reads as the fill byte: 0xFF for MagSgn, 0 for SigProp (T.814 clauses 7.3.6 and 7.4).
 *
 * <p>The fast refill ORs eight raw bytes in above the bits held and counts only the whole bytes that fit, so the
 * accumulator's bits above {@link #count} may hold the start of the byte at {@link #pos}: the same bits the next
 * refill ORs in again. It applies while no byte of the eight is 0xFF and the byte before was not 0xFF, so that none
 * of them is unstuffed; {@link #fastLimit} is the last position it may load from, -1 while a byte is unstuffed.
 * Decoding loops copy the state into locals and refill inline the same way ({@link #fastRefill}).
 */
final class ForwardReader extends LsbBits {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] buf;
    int pos;
    int fastLimit;
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
        fastLimit = end - 8;
        refill();
    }

    @Override
    void refill() {
        if (pos <= fastLimit) {
            long word = (long) LONG_LE.get(buf, pos);
            if (!hasFFByte(word)) {
                acc |= word << count;
                pos += (63 - count) >> 3;
                count |= 56;
                return;
            }
        }
        refillBytes();
    }

    /** The eight bytes from {@code pos}, which {@link #refill} ORs in above the bits held when none is 0xFF. */
    static long fastRefill(byte[] buf, int pos) {
        return (long) LONG_LE.get(buf, pos);
    }

    /**
     * {@link #refill} a byte at a time, unstuffing and past the end, to more than 48 bits (at most 56, so that the
     * fast refill's arithmetic holds): rare, and kept out of line so that the common path stays small enough to be
     * inlined into the decoding loops.
     */
    void refillBytes() {
        acc &= ~(-1L << count); // the start of the byte at pos, which the fast refill may have left
        while (count <= 48) {
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
        fastLimit = unstuff ? -1 : end - 8;
    }

    /** True when one of the eight bytes is 0xFF (the classic has-zero-byte test on the complement). */
    static boolean hasFFByte(long word) {
        long inverted = ~word;
        return ((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L) != 0;
    }
}
