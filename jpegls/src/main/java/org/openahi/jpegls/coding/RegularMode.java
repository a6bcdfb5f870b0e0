package org.openahi.jpegls.coding;

import java.util.Arrays;
import org.openahi.jpegls.JpegLsException;

/**
 * Regular-mode decoding of one sample (T.87 A.4-A.6): the context's bias correction of the prediction, the Golomb
 * parameter k, the error value and its inverse mapping, the update of the context's statistics A, B, C, N, and the
 * reconstruction. The 365 contexts are shared by every component of a scan.
 */
public final class RegularMode {

    private static final int CONTEXTS = 365;
    /** A context whose A grows past this is corrupt data (a valid stream stays far below; it also keeps ints safe). */
    private static final int MAX_A = 1 << 30;

    private final BitReader bits;
    private final int[] a = new int[CONTEXTS];
    private final int[] b = new int[CONTEXTS];
    private final int[] c = new int[CONTEXTS];
    private final int[] n = new int[CONTEXTS];
    private CodingParameters p;

    public RegularMode(BitReader bits) {
        this.bits = bits;
    }

    /** Initializes the contexts as at the start of a scan or restart interval (A.2.1). */
    public void start(CodingParameters parameters) {
        this.p = parameters;
        Arrays.fill(a, Math.max(2, (parameters.range() + 32) / 64));
        Arrays.fill(b, 0);
        Arrays.fill(c, 0);
        Arrays.fill(n, 1);
    }

    /**
     * Decodes the sample whose signed context is {@code q} (81 Q1 + 9 Q2 + Q3, not 0) and whose MED prediction is
     * {@code predicted}.
     */
    public int decode(int q, int predicted) throws JpegLsException {
        CodingParameters p = this.p;
        int sign = q >> 31;
        int ctx = (q ^ sign) - sign;
        int px = predicted + ((c[ctx] ^ sign) - sign);
        if (px < 0) {
            px = 0;
        } else if (px > p.maxVal()) {
            px = p.maxVal();
        }
        int aq = a[ctx];
        int nq = n[ctx];
        int k = 0;
        while (nq << k < aq) {
            k++;
        }
        int mapped = bits.readGolomb(k, p.limit(), p.qbpp());
        if (mapped > p.maxMapped()) {
            throw new JpegLsException(
                    0x0210,
                    "a prediction error of " + mapped + " (mapped) is beyond RANGE " + p.range(),
                    bits.position());
        }
        int error = mapped >>> 1 ^ -(mapped & 1);
        int bq = b[ctx];
        if (k == 0 && p.near() == 0 && 2 * bq + nq - 1 < 0) {
            error = ~error;
        }
        // A.12: statistics.
        bq += error * p.step();
        aq += Math.abs(error);
        if (nq == p.reset()) {
            aq >>= 1;
            bq >>= 1;
            nq >>= 1;
        }
        nq++;
        // A.13: bias correction.
        int cq = c[ctx];
        if (bq + nq <= 0) {
            bq += nq;
            if (bq <= -nq) {
                bq = -nq + 1;
            }
            if (cq > -128) {
                cq--;
            }
        } else if (bq > 0) {
            bq -= nq;
            if (bq > 0) {
                bq = 0;
            }
            if (cq < 127) {
                cq++;
            }
        }
        if (aq >= MAX_A) {
            throw new JpegLsException(0x0211, "context statistics overflow", bits.position());
        }
        a[ctx] = aq;
        b[ctx] = bq;
        c[ctx] = cq;
        n[ctx] = nq;
        return p.reconstruct(px, (error ^ sign) - sign);
    }
}
