package org.openahi.htj2k.ebcot;

import static org.openahi.htj2k.ebcot.Contexts.ALL_VISITED;
import static org.openahi.htj2k.ebcot.Contexts.EIGHT;
import static org.openahi.htj2k.ebcot.Contexts.NEIGHBOURHOOD;
import static org.openahi.htj2k.ebcot.Contexts.REFINED;
import static org.openahi.htj2k.ebcot.Contexts.SELF;
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
    /** One {@link Contexts} word per stripe column, bordered. */
    private int[] words = new int[0];
    /**
     * Each sample's magnitude with its sign in bit 31, stripe column by stripe column: the four rows of a column
     * are adjacent, at {@code (stripe * width + x) * 4 + row}.
     */
    private int[] magnitudes = new int[0];
    /**
     * The decisions of one pass, {@code context << 1 | decision}, gathered before the MQ coder codes them in one
     * tight loop: at most a zero-coding and a sign decision per sample, ten for the four samples of a stripe column in
     * run-length mode (the run, two for its length, then a sign and three samples).
     */
    private int[] symbols = new int[0];
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
            int column = (y >> 2) * width;
            int mi = column * 4 + (y & 3);
            for (int x = 0; x < width; x++, mi += 4) {
                int v = coefficients[row + x];
                int m = Math.abs(v);
                magnitudes[mi] = m | v & Integer.MIN_VALUE;
                columnMagnitudes[column + x] |= m;
                or |= m;
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
        zeroBase = orientation << 9;
        int stripes = h + 3 >> 2;
        int n = (stripes + 2) * stride;
        if (words.length < n) {
            words = new int[n];
        }
        Arrays.fill(words, 0, n, 0);
        if (magnitudes.length < stripes * 4 * w) {
            magnitudes = new int[stripes * 4 * w];
            columnMagnitudes = new int[stripes * w];
        }
        if ((h & 3) != 0) {
            Arrays.fill(magnitudes, (stripes - 1) * 4 * w, stripes * 4 * w, 0); // rows past the last
        }
        Arrays.fill(columnMagnitudes, 0, stripes * w, 0);
        if (symbols.length < 3 * w * h + 1) {
            symbols = new int[3 * w * h + 1];
        }
    }

    /** The sign decision of row {@code r} of the column at {@code i}, whose word is {@code word}, magnitude {@code m}. */
    private int signSymbol(int word, int i, int r, int m) {
        int sc = Contexts.signContext(word, words[i - 1], words[i + 1], r);
        return (sc & 0x1F) << 1 | (m >>> 31 ^ sc >> 5);
    }

    /** Significance propagation pass of {@code plane}: its decisions, {@code context << 1 | bit}; returns how many. */
    private int significance(int plane) {
        int[] symbols = this.symbols;
        int[] words = this.words;
        int[] magnitudes = this.magnitudes;
        int n = 0;
        for (int y0 = 0, mi = 0; y0 < height; y0 += 4) {
            int rows = Math.min(4, height - y0);
            int selves = Contexts.selves(rows);
            for (int x = 0, i = ((y0 >> 2) + 1) * stride + 1; x < width; x++, i++, mi += 4) {
                int word = words[i];
                if ((word & NEIGHBOURHOOD) == 0 || (word & selves) == selves) {
                    continue;
                }
                for (int r = 0; r < rows; r++) {
                    int nine = word >>> 3 * r & 0x1FF;
                    if ((nine & SELF) != 0 || nine == 0) {
                        continue;
                    }
                    int m = magnitudes[mi + r];
                    int bit = m >>> plane & 1;
                    symbols[n++] = Contexts.ZERO[zeroBase | nine] << 1 | bit;
                    word |= 1 << VISITED + r;
                    if (bit != 0) {
                        symbols[n++] = signSymbol(word, i, r, m);
                        word = Contexts.becomeSignificant(words, i, stride, word, r, m >>> 31, false);
                    }
                }
                words[i] = word;
            }
        }
        return n;
    }

    /** Magnitude refinement pass of {@code plane}: its decisions; returns how many. */
    private int refinement(int plane) {
        int[] symbols = this.symbols;
        int[] words = this.words;
        int[] magnitudes = this.magnitudes;
        int n = 0;
        for (int y0 = 0, mi = 0; y0 < height; y0 += 4) {
            int rows = Math.min(4, height - y0);
            for (int x = 0, i = ((y0 >> 2) + 1) * stride + 1; x < width; x++, i++, mi += 4) {
                int word = words[i];
                if ((word & Contexts.selves(4)) == 0) {
                    continue;
                }
                for (int r = 0; r < rows; r++) {
                    // Without a branch on whether the sample is refined: its decision is written anyway and
                    // counted only if it is (significant, and not visited by this plane's significance pass).
                    int nine = word >>> 3 * r;
                    int refined = (nine >>> 4 & ~(word >>> VISITED + r)) & 1;
                    int near = (nine & EIGHT) + 0x1FF >>> 9; // 1 with any neighbour significant, without a branch
                    int context = 14 + Math.max((word >>> REFINED + r & 1) << 1, near); // Table D.4
                    symbols[n] = context << 1 | magnitudes[mi + r] >>> plane & 1;
                    n += refined;
                    word |= refined << REFINED + r;
                }
                words[i] = word;
            }
        }
        return n;
    }

    /** Cleanup pass of {@code plane}: its decisions; returns how many. Clears the visited bits for the next plane. */
    private int cleanup(int plane) {
        int[] symbols = this.symbols;
        int[] words = this.words;
        int[] magnitudes = this.magnitudes;
        int n = 0;
        for (int y0 = 0, mi = 0; y0 < height; y0 += 4) {
            int rows = Math.min(4, height - y0);
            int selves = Contexts.selves(rows);
            for (int x = 0, i = ((y0 >> 2) + 1) * stride + 1; x < width; x++, i++, mi += 4) {
                int word = words[i];
                if ((word & selves) == selves) {
                    words[i] = word & ~ALL_VISITED;
                    continue;
                }
                int first = 0;
                if (rows == 4 && (word & NEIGHBOURHOOD) == 0) {
                    // Run-length mode: all four insignificant with insignificant neighbours, hence unvisited.
                    // The four are below 2^(plane + 1): one of them has this plane's bit if their OR has.
                    if (columnMagnitudes[mi >> 2] >>> plane == 0) {
                        symbols[n++] = MqStates.RUN << 1;
                        continue;
                    }
                    int run = 0;
                    while ((magnitudes[mi + run] >>> plane & 1) == 0) {
                        run++;
                    }
                    int m = magnitudes[mi + run];
                    symbols[n] = MqStates.RUN << 1 | 1;
                    symbols[n + 1] = MqStates.UNIFORM << 1 | run >> 1;
                    symbols[n + 2] = MqStates.UNIFORM << 1 | run & 1;
                    symbols[n + 3] = signSymbol(word, i, run, m);
                    n += 4;
                    word = Contexts.becomeSignificant(words, i, stride, word, run, m >>> 31, false);
                    first = run + 1;
                }
                for (int r = first; r < rows; r++) {
                    int nine = word >>> 3 * r & 0x1FF;
                    if ((nine & SELF) != 0 || (word >>> VISITED + r & 1) != 0) {
                        continue;
                    }
                    int m = magnitudes[mi + r];
                    int bit = m >>> plane & 1;
                    symbols[n++] = Contexts.ZERO[zeroBase | nine] << 1 | bit;
                    if (bit != 0) {
                        symbols[n++] = signSymbol(word, i, r, m);
                        word = Contexts.becomeSignificant(words, i, stride, word, r, m >>> 31, false);
                    }
                }
                words[i] = word & ~ALL_VISITED;
            }
        }
        return n;
    }
}
