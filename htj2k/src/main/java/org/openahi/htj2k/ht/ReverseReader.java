package org.openahi.htj2k.ht;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a backward-growing HT stream (VLC, MagRef) LSB first, from the end of its bytes towards the start. A byte
 * whose successor (in reading order, so the byte after it in memory) is above 0x8F and whose 7 low bits are ones
 * carries only those 7 bits. Past the start the stream reads as zeros (T.814 clauses 7.3.5 and 7.5).
 */
final class ReverseReader extends LsbBits {

    /** Big-endian, so that the byte at the highest address, read first, lands in the low bits. */
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int pos;
    private int lowest;
    private boolean unstuff;

    /**
     * Starts the VLC stream of a cleanup segment at {@code offset} of length {@code lcup} whose MEL and VLC part is
     * {@code scup} bytes: the last 12 bits hold Scup, so the stream starts at the high nibble of byte lcup - 2.
     */
    void initVlc(byte[] data, int offset, int lcup, int scup) {
        buf = data;
        lowest = offset + lcup - scup;
        pos = offset + lcup - 3;
        int d = data[offset + lcup - 2] & 0xFF;
        acc = d >> 4;
        count = (acc & 7) == 7 ? 3 : 4;
        acc &= (1L << count) - 1;
        unstuff = (d | 0xF) > 0x8F;
        refill();
    }

    /** Starts the MagRef stream, which reads the refinement segment backwards from its last byte. */
    void initMagRef(byte[] data, int offset, int length) {
        buf = data;
        lowest = offset;
        pos = offset + length - 1;
        acc = 0;
        count = 0;
        unstuff = true;
        refill();
    }

    @Override
    void refill() {
        // Fast path: whole bytes eight at a time when none has its 7 low bits all ones, so none can be unstuffed.
        if (pos - lowest >= 7) {
            long word = (long) LONG_BE.get(buf, pos - 7);
            if (!ForwardReader.hasFFByte(word | 0x8080808080808080L)) {
                int bytes = (63 - count) >> 3;
                acc |= (word & (-1L >>> (64 - 8 * bytes))) << count;
                count += 8 * bytes;
                pos -= bytes;
                unstuff = (int) (word >>> (8 * (bytes - 1)) & 0xFF) > 0x8F;
                return;
            }
        }
        refillBytes();
    }

    /** {@link #refill} a byte at a time, unstuffing and past the start: rare, and kept out of line. */
    private void refillBytes() {
        while (count <= 56) {
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
