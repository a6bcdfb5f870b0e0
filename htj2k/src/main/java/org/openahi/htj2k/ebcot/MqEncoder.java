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
    private void reserve(int bytes) {
        if (out.length - bp < bytes + 2) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, bp + bytes + 2));
        }
    }

    /**
     * ENCODE (C.2.2) of {@code count} decisions, each {@code context << 1 | decision}, with RENORME (C.2.5) and
     * BYTEOUT (C.2.6): one loop with the coder's registers in locals, so a decision costs no memory traffic but its
     * context's state. {@code skewed} decisions are mostly their context's MPS (cleanup passes), for which a
     * branch pays; the others (signs, refinement bits) are close to random and coded without a branch on them.
     */
    void encode(int[] symbols, int count, boolean skewed) {
        reserve(2 * count);
        int[] states = contexts;
        byte[] buffer = out;
        int a = this.a;
        int c = this.c;
        int ct = this.ct;
        int bp = this.bp;
        for (int i = 0; i < count; i++) {
            int symbol = symbols[i];
            int cx = symbol >>> 1;
            int s = states[cx];
            int qe = s >>> 8;
            int interval = a - qe;
            int shift;
            if (skewed) {
                if ((s & 1) == (symbol & 1)) {
                    if ((interval & 0x8000) != 0) {
                        a = interval;
                        c += qe;
                        continue;
                    }
                    if (interval < qe) {
                        interval = qe;
                    } else {
                        c += qe;
                    }
                    states[cx] = MqStates.NEXT_MPS[s & 0xFF];
                } else {
                    if (interval < qe) {
                        c += qe;
                    } else {
                        interval = qe;
                    }
                    states[cx] = MqStates.NEXT_LPS[s & 0xFF];
                }
                shift = Integer.numberOfLeadingZeros(interval) - 16;
            } else {
                // The same without a branch on the decision: coded in the upper sub-interval when it is the MPS
                // xor the conditional exchange; the context moves on exactly when the interval renormalises.
                int mps = ~(s ^ symbol) & 1;
                int upper = mps ^ (interval < qe ? 1 : 0);
                c += qe & -upper;
                interval = upper != 0 ? interval : qe;
                shift = Integer.numberOfLeadingZeros(interval) - 16;
                states[cx] = shift == 0 ? s : MqStates.NEXT[(s & 0xFF) << 1 | mps];
            }
            a = interval << shift;
            while (shift >= ct) {
                c <<= ct;
                shift -= ct;
                // BYTEOUT, as byteOut() but on the locals.
                if ((buffer[bp] & 0xFF) == 0xFF) {
                    buffer[++bp] = (byte) (c >>> 20);
                    c &= 0xFFFFF;
                    ct = 7;
                } else {
                    if (c >= 0x8000000) {
                        buffer[bp]++;
                        c &= 0x7FFFFFF;
                    }
                    if ((buffer[bp] & 0xFF) == 0xFF) {
                        buffer[++bp] = (byte) (c >>> 20);
                        c &= 0xFFFFF;
                        ct = 7;
                    } else {
                        buffer[++bp] = (byte) (c >>> 19);
                        c &= 0x7FFFF;
                        ct = 8;
                    }
                }
            }
            c <<= shift;
            ct -= shift;
        }
        this.a = a;
        this.c = c;
        this.ct = ct;
        this.bp = bp;
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
