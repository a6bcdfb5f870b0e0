package org.openahi.htj2k.ebcot;

import java.util.Arrays;

/**
 * The MQ arithmetic encoder (T.800 C.2) writing one codeword segment into a growable buffer, terminated by FLUSH
 * (C.2.9). The byte before the segment that the standard's BP starts on is slot 0 of the buffer, left out of the
 * output.
 */
final class MqEncoder {

    final int[] contexts = new int[MqStates.CONTEXTS];
    private byte[] out = new byte[1 << 12];
    private int bp;
    private int a;
    private int c;
    private int ct;

    /** INITENC (C.2.8): an empty segment, every context reset. */
    void init() {
        MqStates.reset(contexts);
        a = 0x8000;
        c = 0;
        ct = 12;
        bp = 0;
        out[0] = 0;
    }

    /** Makes room for {@code bytes} more output bytes. */
    void reserve(int bytes) {
        if (out.length - bp < bytes + 2) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, bp + bytes + 2));
        }
    }

    /** ENCODE (C.2.2) of decision {@code d} in context {@code cx}: for decisions that are mostly the MPS. */
    void encode(int cx, int d) {
        int s = contexts[cx];
        int qe = MqStates.QE[s];
        int interval = a - qe;
        if ((s & 1) == d) {
            if ((interval & 0x8000) != 0) {
                a = interval;
                c += qe;
                return;
            }
            if (interval < qe) {
                interval = qe;
            } else {
                c += qe;
            }
            contexts[cx] = MqStates.NEXT_MPS[s];
        } else {
            if (interval < qe) {
                c += qe;
            } else {
                interval = qe;
            }
            contexts[cx] = MqStates.NEXT_LPS[s];
        }
        int shift = Integer.numberOfLeadingZeros(interval) - 16;
        a = interval << shift;
        renormalize(shift);
    }

    /**
     * {@link #encode} written without a branch on the symbol, for decisions close to random (refinement bits of low
     * bit-planes), which would mispredict half the time: whether the symbol is coded in the upper sub-interval is
     * MPS xor conditional exchange, the context moves on exactly when the interval needs renormalising, and
     * renormalising by zero bits changes nothing.
     */
    void encodeUnpredictable(int cx, int d) {
        int s = contexts[cx];
        int qe = MqStates.QE[s];
        int lower = a - qe;
        int mps = ~(s ^ d) & 1;
        int exchange = lower < qe ? 1 : 0;
        int upper = mps ^ exchange;
        c += qe & -upper;
        int interval = upper != 0 ? lower : qe;
        int shift = Integer.numberOfLeadingZeros(interval) - 16;
        int next = MqStates.NEXT[s << 1 | mps];
        contexts[cx] = shift == 0 ? s : next;
        a = interval << shift;
        renormalize(shift);
    }

    /** RENORME (C.2.5), all the shifts at once: a byte goes out each time CT bits have been shifted. */
    private void renormalize(int shift) {
        while (shift >= ct) {
            c <<= ct;
            shift -= ct;
            byteOut();
        }
        c <<= shift;
        ct -= shift;
    }

    /** BYTEOUT (C.2.6) with bit stuffing after 0xFF and carry propagation. */
    private void byteOut() {
        if ((out[bp] & 0xFF) == 0xFF) {
            out[++bp] = (byte) (c >>> 20);
            c &= 0xFFFFF;
            ct = 7;
        } else if (c < 0x8000000) {
            out[++bp] = (byte) (c >>> 19);
            c &= 0x7FFFF;
            ct = 8;
        } else {
            out[bp]++;
            if ((out[bp] & 0xFF) == 0xFF) {
                c &= 0x7FFFFFF;
                out[++bp] = (byte) (c >>> 20);
                c &= 0xFFFFF;
                ct = 7;
            } else {
                out[++bp] = (byte) (c >>> 19);
                c &= 0x7FFFF;
                ct = 8;
            }
        }
    }

    /**
     * FLUSH (C.2.9): sets the low bits of C as high as the interval allows, pushes out two more bytes and drops a
     * final 0xFF, which a decoder supplies by itself. Returns the segment's length; its bytes are {@link #bytes()}
     * from index 1.
     */
    int flush() {
        int top = c + a;
        c |= 0xFFFF;
        if (c >= top) {
            c -= 0x8000;
        }
        c <<= ct;
        byteOut();
        c <<= ct;
        byteOut();
        return (out[bp] & 0xFF) == 0xFF ? bp - 1 : bp;
    }

    byte[] bytes() {
        return out;
    }
}
