package org.openahi.htj2k.ebcot;

import static org.openahi.htj2k.ebcot.Contexts.NEIGHBOURS;
import static org.openahi.htj2k.ebcot.Contexts.REFINED;
import static org.openahi.htj2k.ebcot.Contexts.SIG;
import static org.openahi.htj2k.ebcot.Contexts.VISITED;

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
    }

    private void codeSign(int fi) {
        int f = flags[fi];
        int sc = Contexts.SIGN[Contexts.signIndex(f)];
        boolean negative = (f & Contexts.NEG) != 0;
        mq.encodeUnpredictable(sc & 0x1F, (negative ? 1 : 0) ^ (sc >> 5));
        Contexts.becomeSignificant(flags, fi, stride, negative, false);
    }

    private void significance(int plane) {
        for (int y0 = 0; y0 < height; y0 += 4) {
            int y1 = Math.min(y0 + 4, height);
            for (int x = 0; x < width; x++) {
                for (int y = y0, fi = (y0 + 1) * stride + x + 1; y < y1; y++, fi += stride) {
                    int f = flags[fi];
                    if ((f & (SIG | VISITED)) != 0 || (f & NEIGHBOURS) == 0) {
                        continue;
                    }
                    int bit = magnitudes[y * width + x] >>> plane & 1;
                    mq.encodeUnpredictable(Contexts.ZERO[zeroBase | f & NEIGHBOURS], bit);
                    if (bit != 0) {
                        codeSign(fi);
                    }
                    flags[fi] |= VISITED;
                }
            }
        }
    }

    private void refinement(int plane) {
        for (int y0 = 0; y0 < height; y0 += 4) {
            int y1 = Math.min(y0 + 4, height);
            for (int x = 0; x < width; x++) {
                for (int y = y0, fi = (y0 + 1) * stride + x + 1; y < y1; y++, fi += stride) {
                    int f = flags[fi];
                    if ((f & (SIG | VISITED)) != SIG) {
                        continue;
                    }
                    mq.encodeUnpredictable(Contexts.refinement(f), magnitudes[y * width + x] >>> plane & 1);
                    flags[fi] = f | REFINED;
                }
            }
        }
    }

    private void cleanup(int plane) {
        for (int y0 = 0; y0 < height; y0 += 4) {
            boolean fullStripe = y0 + 4 <= height;
            int y1 = Math.min(y0 + 4, height);
            for (int x = 0; x < width; x++) {
                int top = (y0 + 1) * stride + x + 1;
                int first = y0;
                // Sign flags of the sample itself do not count: only significance, visits and neighbours do.
                if (fullStripe && ((flags[top] | flags[top + stride] | flags[top + 2 * stride]
                    | flags[top + 3 * stride]) & ~Contexts.NEG) == 0) {
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
                    codeSign(top + run * stride);
                    first = y0 + run + 1;
                }
                for (int y = first, fi = (y + 1) * stride + x + 1; y < y1; y++, fi += stride) {
                    int f = flags[fi];
                    if ((f & (SIG | VISITED)) != 0) {
                        continue;
                    }
                    int bit = magnitudes[y * width + x] >>> plane & 1;
                    mq.encode(Contexts.ZERO[zeroBase | f & NEIGHBOURS], bit);
                    if (bit != 0) {
                        codeSign(fi);
                    }
                }
                for (int y = y0, fi = top; y < y1; y++, fi += stride) {
                    flags[fi] &= ~VISITED;
                }
            }
        }
    }
}
