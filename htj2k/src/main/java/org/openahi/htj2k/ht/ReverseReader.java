package org.openahi.htj2k.ht;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a backward-growing HT stream (VLC, MagRef) LSB first, from the end of its bytes towards the start. A byte
 * whose successor (in reading order, so the byte after it in memory) is above 0x8F and whose 7 low bits are ones
 * carries only those 7 bits. Past the start the stream reads as zeros (T.814 clauses 7.3.5 and 7.5).
 *
 * <p>The fast refill ORs eight raw bytes in above the bits held and counts only the whole bytes that fit, so the
 * accumulator's bits above {@link #count} may hold the start of the byte at {@link #pos}: the same bits the next
 * refill ORs in again. It applies while at least eight bytes are left and none of them has its 7 low bits all
 * ones, so that none is unstuffed whatever came before; {@link #fastLimit} is the lowest position it may start at.
 * Decoding loops copy the state into locals and refill inline the same way ({@link #fastRefill}).
 */
final class ReverseReader extends LsbBits {

    /** Big-endian, so that the byte at the highest address, read first, lands in the low bits. */
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    byte[] buf;
    int pos;
    int fastLimit;
    private int lowest;
    /** The position above the first byte read, and whether that byte is unstuffed when its low 7 bits are ones. */
    private int top;

    private boolean unstuffFirst;

    /**
     * Starts the VLC stream of a cleanup segment at {@code offset} of length {@code lcup} whose MEL and VLC part is
     * {@code scup} bytes: the last 12 bits hold Scup, so the stream starts at the high nibble of byte lcup - 2.
     */
    void initVlc(byte[] data, int offset, int lcup, int scup) {
        int d = data[offset + lcup - 2] & 0xFF;
        start(data, offset + lcup - scup, offset + lcup - 2, d > 0x8F);
        acc = d >> 4;
        count = (acc & 7) == 7 ? 3 : 4;
        acc &= (1L << count) - 1;
        refill();
    }

    /** Starts the MagRef stream, which reads the refinement segment backwards from its last byte. */
    void initMagRef(byte[] data, int offset, int length) {
        start(data, offset, offset + length, true);
        acc = 0;
        count = 0;
        refill();
    }

    private void start(byte[] data, int lowest, int top, boolean unstuffFirst) {
        this.buf = data;
        this.lowest = lowest;
        this.top = top;
        this.unstuffFirst = unstuffFirst;
        this.pos = top - 1;
        this.fastLimit = lowest + 7;
    }

    @Override
    void refill() {
        if (pos >= fastLimit) {
            long word = fastRefill(buf, pos);
            if (!hasSevenOnes(word)) {
                acc |= word << count;
                pos -= (63 - count) >> 3;
                count |= 56;
                return;
            }
        }
        refillBytes();
    }

    /** The eight bytes up to {@code pos}, the one at {@code pos} in the low bits. */
    static long fastRefill(byte[] buf, int pos) {
        return (long) LONG_BE.get(buf, pos - 7);
    }

    /** True when one of the eight bytes has its 7 low bits all ones, so that it may be unstuffed. */
    static boolean hasSevenOnes(long word) {
        return ForwardReader.hasFFByte(word | 0x8080808080808080L);
    }

    /**
     * {@link #refill} a byte at a time, unstuffing and past the start, to more than 48 bits (at most 56, so that the
     * fast refill's arithmetic holds): rare, and kept out of line.
     */
    void refillBytes() {
        acc &= ~(-1L << count); // the start of the byte at pos, which the fast refill may have left
        // the byte read last decides whether the next one may be unstuffed
        boolean unstuff = pos + 1 >= top ? unstuffFirst : (buf[pos + 1] & 0xFF) > 0x8F;
        while (count <= 48) {
            int b = pos >= lowest ? buf[pos--] & 0xFF : 0;
            if (unstuff && (b & 0x7F) == 0x7F) {
                acc |= (long) (b & 0x7F) << count;
                count += 7;
            } else {
                acc |= (long) b << count;
                count += 8;
            }
            unstuff = b > 0x8F;
        }
    }
}
