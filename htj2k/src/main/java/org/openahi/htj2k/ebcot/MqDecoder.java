package org.openahi.htj2k.ebcot;

/**
 * The MQ arithmetic decoder (T.800 C.3) and the raw bit reader of bypass passes (T.800 D.6), over one codeword
 * segment. Past the end of the segment the input reads as 0xFF bytes, so the decoder meets a marker there and feeds
 * 1 bits, as the standard's BYTEIN does at a terminating marker.
 */
final class MqDecoder {

    final int[] contexts = new int[MqStates.CONTEXTS];
    private byte[] data;
    private int pos;
    private int end;
    private int a;
    private int c;
    private int ct;

    /** INITDEC (T.800 C.3.5) on {@code data[start..end)}; the context states are kept. */
    void init(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
        c = at(pos) << 16;
        byteIn();
        c <<= 7;
        ct -= 7;
        a = 0x8000;
    }

    /** Starts reading raw (bypass) bits from {@code data[start..end)}. */
    void initRaw(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
        c = 0;
        ct = 0;
    }

    private int at(int i) {
        return i < end ? data[i] & 0xFF : 0xFF;
    }

    /** BYTEIN (T.800 C.3.4): after 0xFF a byte above 0x8F is a marker, which is not consumed. */
    private void byteIn() {
        int next = at(pos + 1);
        if (at(pos) == 0xFF) {
            if (next > 0x8F) {
                c += 0xFF00;
                ct = 8;
            } else {
                pos++;
                c += next << 9;
                ct = 7;
            }
        } else {
            pos++;
            c += next << 8;
            ct = 8;
        }
    }

    /** DECODE (T.800 C.3.2) of one decision in context {@code cx}. */
    int decode(int cx) {
        int s = contexts[cx];
        int qe = s >>> 8;
        a -= qe;
        int d;
        if ((c >>> 16) < qe) {
            if (a < qe) {
                d = s & 1;
                contexts[cx] = MqStates.NEXT_MPS[s & 0xFF];
            } else {
                d = 1 - (s & 1);
                contexts[cx] = MqStates.NEXT_LPS[s & 0xFF];
            }
            a = qe;
        } else {
            c -= qe << 16;
            if ((a & 0x8000) != 0) {
                return s & 1;
            }
            if (a < qe) {
                d = 1 - (s & 1);
                contexts[cx] = MqStates.NEXT_LPS[s & 0xFF];
            } else {
                d = s & 1;
                contexts[cx] = MqStates.NEXT_MPS[s & 0xFF];
            }
        }
        int shift = Integer.numberOfLeadingZeros(a) - 16;
        a <<= shift;
        renormalize(shift);
        return d;
    }

    /**
     * {@link #decode} written without a branch on the decision, for decisions close to random (refinement bits,
     * signs, significance propagation), which would mispredict half the time: the decision is the MPS unless the
     * sub-interval C falls in disagrees with the conditional exchange, and the context moves on exactly when the
     * interval needs renormalising.
     */
    int decodeUnpredictable(int cx) {
        int s = contexts[cx];
        int qe = s >>> 8;
        int upperInterval = a - qe;
        int lower = (c >>> 16) < qe ? 1 : 0;
        int exchange = upperInterval < qe ? 1 : 0;
        int mps = s & 1;
        int d = mps ^ lower ^ exchange;
        int interval = lower != 0 ? qe : upperInterval;
        c -= (qe << 16) & (lower - 1);
        int shift = Integer.numberOfLeadingZeros(interval) - 16;
        int next = MqStates.NEXT[(s & 0xFF) << 1 | (d ^ mps ^ 1)];
        contexts[cx] = shift == 0 ? s : next;
        a = interval << shift;
        renormalize(shift);
        return d;
    }

    /** RENORMD (C.3.3) by {@code shift} bits, as many at once as the bytes read so far allow. */
    private void renormalize(int shift) {
        while (shift > ct) {
            c <<= ct;
            shift -= ct;
            byteIn();
        }
        c <<= shift;
        ct -= shift;
    }

    /** One raw bit; after 0xFF the next byte's stuffed most significant bit is skipped. */
    int rawBit() {
        if (ct == 0) {
            if (c == 0xFF) {
                if (at(pos) > 0x8F) {
                    ct = 8;
                } else {
                    c = at(pos++);
                    ct = 7;
                }
            } else {
                c = at(pos++);
                ct = 8;
            }
        }
        ct--;
        return (c >>> ct) & 1;
    }
}
