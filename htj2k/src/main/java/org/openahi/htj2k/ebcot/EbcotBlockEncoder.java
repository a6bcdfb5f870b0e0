package org.openahi.htj2k.ebcot;

import static org.openahi.htj2k.ebcot.Contexts.NEIGHBOURS;
import static org.openahi.htj2k.ebcot.Contexts.REFINED;
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
    /** Significant samples in each stripe column (four rows, one x), by stripe then x: whole columns are skipped. */
    private int[] significant = new int[0];

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
            for (int x = 0; x < width; x++) {
                int v = coefficients[row + x];
                int m = Math.abs(v);
                magnitudes[y * width + x] = m;
                or |= m;
                if (v < 0) {
                    flags[negatives + x] = Contexts.NEG;
                }
            }
        }
        bitPlanes = 32 - Integer.numberOfLeadingZeros(or);
        if (bitPlanes == 0) {
            passes = 0;
            return 0;
        }
        passes = 3 * bitPlanes - 2;
        mq.init();
        int perPass = 3 * width * height + 16;
        mq.reserve(perPass);
        cleanup(bitPlanes - 1);
        for (int p = bitPlanes - 2; p >= 0; p--) {
            mq.reserve(3 * perPass);
            significance(p);
            refinement(p);
            cleanup(p);
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
        int columns = (h + 3 >> 2) * w;
        if (significant.length < columns) {
            significant = new int[columns];
        }
        Arrays.fill(significant, 0, columns, 0);
    }

    /** Codes the sign of the sample at {@code fi}, which becomes significant; {@code column} counts it. */
    private void codeSign(int fi, int column) {
        int f = flags[fi];
        int sc = Contexts.SIGN[Contexts.signIndex(f)];
        boolean negative = (f & Contexts.NEG) != 0;
        mq.encodeUnpredictable(sc & 0x1F, (negative ? 1 : 0) ^ (sc >> 5));
        Contexts.becomeSignificant(flags, fi, stride, negative, false);
        significant[column]++;
    }

    private void significance(int plane) {
        int visit = Contexts.visit(plane);
        for (int y0 = 0, column = 0; y0 < height; y0 += 4) {
            int y1 = Math.min(y0 + 4, height);
            for (int x = 0; x < width; x++, column++) {
                if (significant[column] == y1 - y0) {
                    continue;
                }
                for (int y = y0, fi = (y0 + 1) * stride + x + 1, mi = y0 * width + x;
                        y < y1;
                        y++, fi += stride, mi += width) {
                    int f = flags[fi];
                    if ((f & SIG) != 0 || (f & NEIGHBOURS) == 0) {
                        continue;
                    }
                    int bit = magnitudes[mi] >>> plane & 1;
                    mq.encodeUnpredictable(Contexts.ZERO[zeroBase | f & NEIGHBOURS], bit);
                    if (bit != 0) {
                        codeSign(fi, column);
                    }
                    flags[fi] = flags[fi] & ~Contexts.VISITS | visit;
                }
            }
        }
    }

    private void refinement(int plane) {
        int visit = Contexts.visit(plane);
        for (int y0 = 0, column = 0; y0 < height; y0 += 4) {
            int y1 = Math.min(y0 + 4, height);
            for (int x = 0; x < width; x++, column++) {
                if (significant[column] == 0) {
                    continue;
                }
                for (int y = y0, fi = (y0 + 1) * stride + x + 1, mi = y0 * width + x;
                        y < y1;
                        y++, fi += stride, mi += width) {
                    int f = flags[fi];
                    if ((f & SIG) == 0 || (f & Contexts.VISITS) == visit) {
                        continue;
                    }
                    mq.encodeUnpredictable(Contexts.refinement(f), magnitudes[mi] >>> plane & 1);
                    flags[fi] = f | REFINED;
                }
            }
        }
    }

    private void cleanup(int plane) {
        int visit = Contexts.visit(plane);
        for (int y0 = 0, column = 0; y0 < height; y0 += 4) {
            boolean fullStripe = y0 + 4 <= height;
            int y1 = Math.min(y0 + 4, height);
            for (int x = 0; x < width; x++, column++) {
                if (significant[column] == y1 - y0) {
                    continue;
                }
                int top = (y0 + 1) * stride + x + 1;
                int first = y0;
                if (fullStripe
                        && ((flags[top] | flags[top + stride] | flags[top + 2 * stride] | flags[top + 3 * stride])
                                        & (SIG | NEIGHBOURS))
                                == 0) {
                    // Run-length mode: all four insignificant with insignificant neighbours, hence unvisited.
                    int run = 0;
                    while (run < 4 && (magnitudes[(y0 + run) * width + x] >>> plane & 1) == 0) {
                        run++;
                    }
                    mq.encode(MqStates.RUN, run < 4 ? 1 : 0);
                    if (run == 4) {
                        continue;
                    }
                    mq.encode(MqStates.UNIFORM, run >> 1);
                    mq.encode(MqStates.UNIFORM, run & 1);
                    codeSign(top + run * stride, column);
                    first = y0 + run + 1;
                }
                for (int y = first, fi = (y + 1) * stride + x + 1; y < y1; y++, fi += stride) {
                    int f = flags[fi];
                    if ((f & SIG) != 0 || (f & Contexts.VISITS) == visit) {
                        continue;
                    }
                    int bit = magnitudes[y * width + x] >>> plane & 1;
                    mq.encode(Contexts.ZERO[zeroBase | f & NEIGHBOURS], bit);
                    if (bit != 0) {
                        codeSign(fi, column);
                    }
                }
            }
        }
    }
}
