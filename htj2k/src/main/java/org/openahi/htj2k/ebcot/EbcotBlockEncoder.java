package org.openahi.htj2k.ebcot;

import static org.openahi.htj2k.ebcot.Contexts.NEIGHBOURS;
import static org.openahi.htj2k.ebcot.Contexts.SIG;

import java.util.Arrays;

/**
 * Codes JPEG 2000 Part 1 code-blocks losslessly (T.800 Annex D) with code-block style 0: every bit-plane of the
 * block's coefficients, a cleanup pass for the most significant one and then significance propagation, refinement
 * and cleanup passes, all MQ coded in one codeword segment terminated once. An instance keeps its buffers; not
 * thread-safe.
 */
public final class EbcotBlockEncoder {

    private final MqEncoder mq = new MqEncoder();
    private int[] flags = new int[0];
    private int[] magnitudes = new int[0];
    /**
     * The decisions of one pass, {@code context << 1 | decision}, gathered before the MQ coder codes them in one
     * tight loop: at most a zero-coding and a sign decision per sample, ten for the four samples of a stripe column in
     * run-length mode (the run, two for its length, then a sign and three samples).
     */
    private int[] symbols = new int[0];
    /** Summary of each stripe column, see {@link Contexts#NEAR}: whole columns are skipped. */
    private int[] columns = new int[0];

    private int columnStride;
    /** The magnitudes of each stripe column ORed: in run-length mode, whether a sample becomes significant. */
    private int[] columnMagnitudes = new int[0];

    private int width;
    private int height;
    private int stride;
    private int zeroBase;
    private int bitPlanes;
    private int passes;

    /**
     * Codes the {@code width x height} coefficients at {@code coefficients[offset + y * inStride + x]} of a subband
     * of {@code orientation} (0 LL, 1 HL, 2 LH, 3 HH). Returns the codeword segment's length in bytes (0 for a block
     * of zeros, which has no passes); the bytes are {@link #bytes()} from {@link #start()}.
     */
    public int encode(int[] coefficients, int offset, int inStride, int width, int height, int orientation) {
        prepare(width, height, orientation);
        int or = 0;
        for (int y = 0; y < height; y++) {
            int row = offset + y * inStride;
            int negatives = (y + 1) * stride + 1;
            int column = ((y >> 2) + 1) * columnStride + 1;
            for (int x = 0; x < width; x++) {
                int v = coefficients[row + x];
                int m = Math.abs(v);
                magnitudes[y * width + x] = m;
                columnMagnitudes[column + x] |= m;
                or |= m;
                flags[negatives + x] = v >>> 31 << 15; // Contexts.NEG
            }
        }
        bitPlanes = 32 - Integer.numberOfLeadingZeros(or);
        if (bitPlanes == 0) {
            passes = 0;
            return 0;
        }
        passes = 3 * bitPlanes - 2;
        mq.init();
        mq.encode(symbols, cleanup(bitPlanes - 1), true);
        for (int p = bitPlanes - 2; p >= 0; p--) {
            mq.encode(symbols, significance(p), false);
            mq.encode(symbols, refinement(p), false);
            mq.encode(symbols, cleanup(p), true);
        }
        return mq.flush();
    }

    /** Magnitude bit-planes of the last block coded (0 when all its coefficients were 0). */
    public int bitPlanes() {
        return bitPlanes;
    }

    /** Coding passes of the last block coded: 3 per bit-plane but the first, which has only a cleanup pass. */
    public int passes() {
        return passes;
    }

    public byte[] bytes() {
        return mq.bytes();
    }

    /** Where the last block's bytes start in {@link #bytes()}. */
    public int start() {
        return 1;
    }

    private void prepare(int w, int h, int orientation) {
        width = w;
        height = h;
        stride = w + 2;
        zeroBase = orientation << 8;
        int n = stride * (h + 2);
        if (flags.length < n) {
            flags = new int[n];
        }
        Arrays.fill(flags, 0, n, 0);
        if (magnitudes.length < w * h) {
            magnitudes = new int[w * h];
        }
        columnStride = w + 2;
        int summaries = ((h + 3 >> 2) + 2) * columnStride;
        if (columns.length < summaries) {
            columns = new int[summaries];
            columnMagnitudes = new int[summaries];
        }
        Arrays.fill(columns, 0, summaries, 0);
        Arrays.fill(columnMagnitudes, 0, summaries, 0);
        if (symbols.length < 3 * w * h + 1) {
            symbols = new int[3 * w * h + 1];
        }
    }

    /**
     * The decisions of the sign of the sample at {@code fi} in row {@code row} of the stripe column {@code column},
     * which becomes significant, appended at {@code n}. Returns the new count.
     */
    private int sign(int fi, int column, int row, int n) {
        int f = flags[fi];
        int sc = Contexts.SIGN[Contexts.signIndex(f)];
        int negative = f >>> 15 & 1; // Contexts.NEG
        symbols[n] = (sc & 0x1F) << 1 | (negative ^ sc >> 5);
        Contexts.becomeSignificant(flags, fi, stride, negative != 0, false);
        Contexts.columnGainsSignificant(columns, column, columnStride, row, false);
        return n + 1;
    }

    /** Significance propagation pass of {@code plane}: its decisions, {@code context << 1 | bit}; returns how many. */
    private int significance(int plane) {
        int[] symbols = this.symbols;
        int[] flags = this.flags;
        int visit = Contexts.visit(plane);
        int n = 0;
        for (int y0 = 0; y0 < height; y0 += 4) {
            int full = Contexts.NEAR | Math.min(4, height - y0);
            int column = ((y0 >> 2) + 1) * columnStride + 1;
            for (int x = 0; x < width; x++, column++) {
                int summary = columns[column];
                if (summary < Contexts.NEAR || summary == full) {
                    continue;
                }
                int y1 = y0 + (full & 7);
                for (int y = y0, fi = (y0 + 1) * stride + x + 1, mi = y0 * width + x;
                        y < y1;
                        y++, fi += stride, mi += width) {
                    int f = flags[fi];
                    if ((f & SIG) != 0 || (f & NEIGHBOURS) == 0) {
                        continue;
                    }
                    int bit = magnitudes[mi] >>> plane & 1;
                    symbols[n++] = Contexts.ZERO[zeroBase | f & NEIGHBOURS] << 1 | bit;
                    if (bit != 0) {
                        n = sign(fi, column, y & 3, n);
                    }
                    flags[fi] = flags[fi] & ~Contexts.VISITS | visit;
                }
            }
        }
        return n;
    }

    /** Magnitude refinement pass of {@code plane}: its decisions; returns how many. */
    private int refinement(int plane) {
        int[] symbols = this.symbols;
        int[] flags = this.flags;
        int visit = Contexts.visit(plane);
        int n = 0;
        for (int y0 = 0; y0 < height; y0 += 4) {
            int y1 = Math.min(y0 + 4, height);
            int column = ((y0 >> 2) + 1) * columnStride + 1;
            for (int x = 0; x < width; x++, column++) {
                if ((columns[column] & 7) == 0) {
                    continue;
                }
                for (int y = y0, fi = (y0 + 1) * stride + x + 1, mi = y0 * width + x;
                        y < y1;
                        y++, fi += stride, mi += width) {
                    // Without a branch on whether the sample is refined: its decision is written anyway and
                    // counted only if it is (significant, and not in this plane's significance pass).
                    int f = flags[fi];
                    int refined = (f & SIG) >>> 12 & ((f & Contexts.VISITS) == visit ? 0 : 1);
                    symbols[n] = Contexts.refinement(f) << 1 | magnitudes[mi] >>> plane & 1;
                    n += refined;
                    flags[fi] = f | refined << 14; // REFINED
                }
            }
        }
        return n;
    }

    /** Cleanup pass of {@code plane}: its decisions; returns how many. */
    private int cleanup(int plane) {
        int[] symbols = this.symbols;
        int[] flags = this.flags;
        int visit = Contexts.visit(plane);
        int n = 0;
        for (int y0 = 0; y0 < height; y0 += 4) {
            boolean fullStripe = y0 + 4 <= height;
            int y1 = Math.min(y0 + 4, height);
            int full = Contexts.NEAR | y1 - y0;
            int column = ((y0 >> 2) + 1) * columnStride + 1;
            for (int x = 0; x < width; x++, column++) {
                int summary = columns[column];
                if (summary == full) {
                    continue;
                }
                int top = (y0 + 1) * stride + x + 1;
                int first = y0;
                if (fullStripe && summary == 0) {
                    // Run-length mode: all four insignificant with insignificant neighbours, hence unvisited.
                    // The four are below 2^(plane + 1): one of them has this plane's bit if their OR has.
                    if (columnMagnitudes[column] >>> plane == 0) {
                        symbols[n++] = MqStates.RUN << 1;
                        continue;
                    }
                    int run = 0;
                    while ((magnitudes[(y0 + run) * width + x] >>> plane & 1) == 0) {
                        run++;
                    }
                    symbols[n] = MqStates.RUN << 1 | 1;
                    symbols[n + 1] = MqStates.UNIFORM << 1 | run >> 1;
                    symbols[n + 2] = MqStates.UNIFORM << 1 | run & 1;
                    n = sign(top + run * stride, column, run, n + 3);
                    first = y0 + run + 1;
                }
                for (int y = first, fi = (y + 1) * stride + x + 1; y < y1; y++, fi += stride) {
                    int f = flags[fi];
                    if ((f & SIG) != 0 || (f & Contexts.VISITS) == visit) {
                        continue;
                    }
                    int bit = magnitudes[y * width + x] >>> plane & 1;
                    symbols[n++] = Contexts.ZERO[zeroBase | f & NEIGHBOURS] << 1 | bit;
                    if (bit != 0) {
                        n = sign(fi, column, y & 3, n);
                    }
                }
            }
        }
        return n;
    }
}
