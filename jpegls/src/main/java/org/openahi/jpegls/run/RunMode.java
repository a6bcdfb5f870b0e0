package org.openahi.jpegls.run;

import org.openahi.jpegls.JpegLsException;
import org.openahi.jpegls.coding.BitReader;
import org.openahi.jpegls.coding.CodingParameters;

/**
 * Run mode (T.87 A.7): the length of a run of samples equal to (within NEAR of) the one on their left, coded in
 * segments of 2^J[RUNindex], and the sample that interrupts a run, with its two contexts (run interruption types 0
 * and 1) and their statistics A, N and Nn.
 */
public final class RunMode {

    /** A.2.1, step 3: the order of the run segments. */
    private static final int[] J = {
        0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15
    };

    private final BitReader bits;
    private final int[] a = new int[2];
    private final int[] n = new int[2];
    private final int[] nn = new int[2];
    private int runIndex;
    private CodingParameters p;

    public RunMode(BitReader bits) {
        this.bits = bits;
    }

    /** Initializes the run contexts and RUNindex as at the start of a scan or restart interval (A.2.1). */
    public void start(CodingParameters parameters) {
        this.p = parameters;
        int initial = Math.max(2, (parameters.range() + 32) / 64);
        for (int type = 0; type < 2; type++) {
            a[type] = initial;
            n[type] = 1;
            nn[type] = 0;
        }
        runIndex = 0;
    }

    /** RUNindex: line-interleaved scans keep one per component and swap it in and out. */
    public int runIndex() {
        return runIndex;
    }

    public void runIndex(int value) {
        runIndex = value;
    }

    /**
     * Reads the length of a run that can go on for at most {@code remaining} samples (to the end of the line). A
     * length below {@code remaining} means a run interruption sample follows.
     */
    public int runLength(int remaining) throws JpegLsException {
        int length = 0;
        while (bits.readBit() == 1) {
            int segment = 1 << J[runIndex];
            int count = Math.min(segment, remaining - length);
            length += count;
            if (count == segment && runIndex < 31) {
                runIndex++;
            }
            if (length == remaining) {
                return length;
            }
        }
        if (J[runIndex] > 0) {
            length += bits.readBits(J[runIndex]);
        }
        if (length > remaining) {
            throw new JpegLsException(
                    0x0301,
                    "a run of " + length + " samples where " + remaining + " remain in the line",
                    bits.position());
        }
        return length;
    }

    /** A.7.2: the sample that ends a run, in a scan of one component per line; {@code ra}, {@code rb} as in A.7. */
    public int interruption(int ra, int rb) throws JpegLsException {
        if (Math.abs(ra - rb) <= p.near()) {
            return p.reconstruct(ra, error(1));
        }
        int error = error(0);
        return p.reconstruct(rb, rb > ra ? error : -error);
    }

    /**
     * One component of the pixel that ends a run in a sample-interleaved scan: CharLS (and the conformance streams)
     * code each with the type-0 context, predicted from Rb with the sign of Rb - Ra (positive when equal).
     */
    public int interruptionComponent(int ra, int rb) throws JpegLsException {
        int error = error(0);
        return p.reconstruct(rb, rb >= ra ? error : -error);
    }

    /** Ends a run interruption: RUNindex steps back (A.7.2, after the sample). */
    public void interrupted() {
        if (runIndex > 0) {
            runIndex--;
        }
    }

    /** A.7.2.2: the error value of a run interruption sample of the given type, and the update of its context. */
    private int error(int type) throws JpegLsException {
        int temp = a[type] + (n[type] >> 1) * type;
        int nq = n[type];
        int k = 0;
        for (int test = nq; test < temp; test <<= 1) {
            k++;
        }
        int mapped = bits.readGolomb(k, p.limit() - J[runIndex] - 1, p.qbpp());
        if (mapped > p.maxMapped()) {
            throw new JpegLsException(
                    0x0302,
                    "a run interruption error of " + mapped + " (mapped) is beyond RANGE " + p.range(),
                    bits.position());
        }
        int t = mapped + type;
        int map = t & 1;
        int magnitude = (t + map) / 2;
        int error = (k != 0 || 2 * nn[type] >= nq) == (map == 1) ? -magnitude : magnitude;
        // A.23: statistics.
        if (error < 0) {
            nn[type]++;
        }
        a[type] += (mapped + 1 - type) >> 1;
        if (nq == p.runReset()) {
            a[type] >>= 1;
            n[type] >>= 1;
            nn[type] >>= 1;
        }
        n[type]++;
        if (a[type] >= 1 << 30) {
            throw new JpegLsException(0x0303, "run context statistics overflow", bits.position());
        }
        return error;
    }
}
