package org.openahi.jpeg.dct;

/**
 * Inverse DCT of one 8 x 8 block with dequantisation, level shift and clamping (T.81 A.3.3, A.3.1).
 *
 * <p>The arithmetic is the fixed-point Loeffler-Ligtenberg-Moschytz factorisation with 13-bit constants that the IJG
 * library calls "islow", its default, with its intermediate scaling (2 extra bits between the passes for 8-bit
 * samples, 1 for 12-bit) and its range limiting; DCMTK's dcmdjpeg and libjpeg-turbo decode with it, so lossy images
 * decode to the same samples as theirs. Like IJG, out-of-range results are clamped through a table indexed modulo
 * 4 x 2^P, which only matters for corrupt coefficients.
 *
 * <p>The block's {@linkplain #shape shape} says which coefficients may be non-zero; the terms it rules out are left
 * out of the sums, which changes no result (IJG's own shortcuts for all-zero columns and rows are such cases).
 */
public final class Idct {

    /** Shape bits 0-7: the columns with a non-zero coefficient below row 0. */
    public static final int COLUMNS_WITH_AC = 0xFF;
    /** Shape bit: a non-zero coefficient in rows 4 to 7. */
    public static final int LOWER_ROWS = 0x100;
    /** Shape bit: a non-zero coefficient in columns 4 to 7. */
    public static final int RIGHT_COLUMNS = 0x200;
    /** Shape bit: a non-zero coefficient outside column 0. */
    public static final int BEYOND_COLUMN_0 = 0x400;

    private static final int CONST_BITS = 13;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    /** IJG's range-limit tables for 8 and 12 bits, built once: they are read for every sample. */
    private static final short[] LIMIT_8 = rangeLimit(8);

    private static final short[] LIMIT_12 = rangeLimit(12);

    private final int pass1Bits;
    private final int rangeMask;
    /** Output sample for a level-shift-free result r, at index r & rangeMask. */
    private final short[] rangeLimit;

    private final int[] ws = new int[64];

    /** For sample precision 8 or 12. */
    public Idct(int precision) {
        this.pass1Bits = precision == 8 ? 2 : 1;
        this.rangeLimit = precision == 8 ? LIMIT_8 : LIMIT_12;
        this.rangeMask = rangeLimit.length - 1;
    }

    /**
     * The output sample of each result r (before the level shift) at index r mod 4 x 2^P: r + 2^(P-1) clamped to the
     * sample range, r taken as negative in the top quarter (IJG's sample_range_limit with its CENTERJSAMPLE shift).
     */
    private static short[] rangeLimit(int precision) {
        int size = 1 << precision;
        int center = size / 2;
        short[] limit = new short[4 * size];
        for (int m = 0; m < 4 * size; m++) {
            int value;
            if (m < center) {
                value = m + center;
            } else if (m < 2 * size) {
                value = size - 1;
            } else if (m < 4 * size - center) {
                value = 0;
            } else {
                value = m - (4 * size - center);
            }
            limit[m] = (short) value;
        }
        return limit;
    }

    /** {@link #shapeOf} of each natural position. */
    private static final int[] SHAPES = new int[64];

    static {
        for (int p = 1; p < 64; p++) {
            SHAPES[p] = shapeBits(p);
        }
    }

    /** The shape bits a non-zero coefficient at natural position {@code p} (1 to 63) contributes. */
    public static int shapeOf(int p) {
        return SHAPES[p];
    }

    private static int shapeBits(int p) {
        int row = p >> 3;
        int col = p & 7;
        return (row > 0 ? 1 << col : 0)
                | (row >= 4 ? LOWER_ROWS : 0)
                | (col >= 4 ? RIGHT_COLUMNS : 0)
                | (col > 0 ? BEYOND_COLUMN_0 : 0);
    }

    /** The shape of the block at {@code coef[from]}, from its non-zero AC coefficients; 0 for a DC-only block. */
    public static int shape(short[] coef, int from) {
        int shape = 0;
        for (int p = 1; p < 64; p++) {
            if (coef[from + p] != 0) {
                shape |= shapeOf(p);
            }
        }
        return shape;
    }

    /** The transform of a DC-only block (shape 0): one value. */
    public void transformDc(int dc, int quant0, short[] out, int at, int stride) {
        short v = dcValue(dc, quant0);
        for (int row = 0; row < 8; row++, at += stride) {
            for (int i = 0; i < 8; i++) {
                out[at + i] = v;
            }
        }
    }

    short dcValue(int dc, int quant0) {
        return rangeLimit[((dc * quant0 << pass1Bits) + (1 << (pass1Bits + 2)) >> (pass1Bits + 3)) & rangeMask];
    }

    /**
     * Transforms the quantised coefficients {@code coef[from .. from+63]} (natural order) with {@code quant} (natural
     * order) into 8 rows of 8 samples at {@code out[at]}, rows {@code stride} apart; {@code shape} may claim more
     * non-zero coefficients than there are, never fewer.
     */
    public void transform(short[] coef, int from, int[] quant, short[] out, int at, int stride, int shape) {
        if (shape == 0) {
            transformDc(coef[from], quant[0], out, at, stride);
            return;
        }
        columns(coef, from, quant, shape);
        rows(out, at, stride, shape);
    }

    /**
     * As {@link #transform(short[], int, int[], short[], int, int, int)}, for 8-bit samples, into bytes: the samples
     * of a row {@code step} apart (the components of an interleaved image), rows {@code stride} apart.
     */
    public void transform(short[] coef, int from, int[] quant, byte[] out, int at, int step, int stride, int shape) {
        if (shape == 0) {
            byte v = (byte) dcValue(coef[from], quant[0]);
            for (int row = 0; row < 8; row++, at += stride) {
                if (step == 3) {
                    put(out, at, 3, v, v, v, v, v, v, v, v);
                } else {
                    put(out, at, step, v, v, v, v, v, v, v, v);
                }
            }
            return;
        }
        columns(coef, from, quant, shape);
        rows(out, at, step, stride, shape);
    }

    /** The first pass, down each column, into the workspace, scaled up by 2^pass1Bits. */
    private void columns(short[] coef, int from, int[] quant, int shape) {
        int[] w = ws;
        int descale = CONST_BITS - pass1Bits;
        int round = 1 << (descale - 1);
        boolean lower = (shape & LOWER_ROWS) != 0;
        for (int col = 0; col < 8; col++) {
            int c = from + col;
            if ((shape >> col & 1) == 0) {
                int dc = coef[c] * quant[col] << pass1Bits;
                for (int row = col; row < 64; row += 8) {
                    w[row] = dc;
                }
                continue;
            }
            int in0 = coef[c] * quant[col];
            int in1 = coef[c + 8] * quant[col + 8];
            int in2 = coef[c + 16] * quant[col + 16];
            int in3 = coef[c + 24] * quant[col + 24];
            int in4 = 0;
            int in5 = 0;
            int in6 = 0;
            int in7 = 0;
            if (lower) {
                in4 = coef[c + 32] * quant[col + 32];
                in5 = coef[c + 40] * quant[col + 40];
                in6 = coef[c + 48] * quant[col + 48];
                in7 = coef[c + 56] * quant[col + 56];
            }
            // Even part.
            int z1 = (in2 + in6) * FIX_0_541196100;
            int tmp2 = z1 - in6 * FIX_1_847759065;
            int tmp3 = z1 + in2 * FIX_0_765366865;
            int tmp0 = (in0 + in4) << CONST_BITS;
            int tmp1 = (in0 - in4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            // Odd part.
            int z5 = (in7 + in3 + in5 + in1) * FIX_1_175875602;
            int z1odd = (in7 + in1) * -FIX_0_899976223;
            int z2odd = (in5 + in3) * -FIX_2_562915447;
            int z3odd = (in7 + in3) * -FIX_1_961570560 + z5;
            int z4odd = (in5 + in1) * -FIX_0_390180644 + z5;
            int odd0 = in7 * FIX_0_298631336 + z1odd + z3odd;
            int odd1 = in5 * FIX_2_053119869 + z2odd + z4odd;
            int odd2 = in3 * FIX_3_072711026 + z2odd + z3odd;
            int odd3 = in1 * FIX_1_501321110 + z1odd + z4odd;
            w[col] = (tmp10 + odd3 + round) >> descale;
            w[col + 56] = (tmp10 - odd3 + round) >> descale;
            w[col + 8] = (tmp11 + odd2 + round) >> descale;
            w[col + 48] = (tmp11 - odd2 + round) >> descale;
            w[col + 16] = (tmp12 + odd1 + round) >> descale;
            w[col + 40] = (tmp12 - odd1 + round) >> descale;
            w[col + 24] = (tmp13 + odd0 + round) >> descale;
            w[col + 32] = (tmp13 - odd0 + round) >> descale;
        }
    }

    /** The second pass, along each row of the workspace, descaled, level-shifted and range-limited into the output. */
    private void rows(short[] out, int at, int stride, int shape) {
        int[] w = ws;
        short[] limit = rangeLimit;
        int mask = rangeMask;
        if ((shape & BEYOND_COLUMN_0) == 0) {
            // Only column 0 has coefficients: every row of the workspace is flat.
            int shift = pass1Bits + 3;
            int round = 1 << (shift - 1);
            for (int row = 0; row < 64; row += 8, at += stride) {
                short v = limit[((w[row] + round) >> shift) & mask];
                for (int i = 0; i < 8; i++) {
                    out[at + i] = v;
                }
            }
            return;
        }
        boolean right = (shape & RIGHT_COLUMNS) != 0;
        int descale = CONST_BITS + pass1Bits + 3;
        int round = 1 << (descale - 1);
        for (int row = 0; row < 64; row += 8, at += stride) {
            int in0 = w[row];
            int in1 = w[row + 1];
            int in2 = w[row + 2];
            int in3 = w[row + 3];
            int in4 = 0;
            int in5 = 0;
            int in6 = 0;
            int in7 = 0;
            if (right) {
                in4 = w[row + 4];
                in5 = w[row + 5];
                in6 = w[row + 6];
                in7 = w[row + 7];
            }
            int z1 = (in2 + in6) * FIX_0_541196100;
            int tmp2 = z1 - in6 * FIX_1_847759065;
            int tmp3 = z1 + in2 * FIX_0_765366865;
            int tmp0 = (in0 + in4) << CONST_BITS;
            int tmp1 = (in0 - in4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            int z5 = (in7 + in3 + in5 + in1) * FIX_1_175875602;
            int z1odd = (in7 + in1) * -FIX_0_899976223;
            int z2odd = (in5 + in3) * -FIX_2_562915447;
            int z3odd = (in7 + in3) * -FIX_1_961570560 + z5;
            int z4odd = (in5 + in1) * -FIX_0_390180644 + z5;
            int odd0 = in7 * FIX_0_298631336 + z1odd + z3odd;
            int odd1 = in5 * FIX_2_053119869 + z2odd + z4odd;
            int odd2 = in3 * FIX_3_072711026 + z2odd + z3odd;
            int odd3 = in1 * FIX_1_501321110 + z1odd + z4odd;
            out[at] = limit[((tmp10 + odd3 + round) >> descale) & mask];
            out[at + 7] = limit[((tmp10 - odd3 + round) >> descale) & mask];
            out[at + 1] = limit[((tmp11 + odd2 + round) >> descale) & mask];
            out[at + 6] = limit[((tmp11 - odd2 + round) >> descale) & mask];
            out[at + 2] = limit[((tmp12 + odd1 + round) >> descale) & mask];
            out[at + 5] = limit[((tmp12 - odd1 + round) >> descale) & mask];
            out[at + 3] = limit[((tmp13 + odd0 + round) >> descale) & mask];
            out[at + 4] = limit[((tmp13 - odd0 + round) >> descale) & mask];
        }
    }

    /**
     * {@link #rows(short[], int, int, int)} into bytes, samples {@code step} apart: the same arithmetic written out
     * again, as one Java loop cannot store into both array types without a copy in between, the copy this saves.
     */
    private void rows(byte[] out, int at, int step, int stride, int shape) {
        int[] w = ws;
        short[] limit = rangeLimit;
        int mask = rangeMask;
        if ((shape & BEYOND_COLUMN_0) == 0) {
            int shift = pass1Bits + 3;
            int round = 1 << (shift - 1);
            for (int row = 0; row < 64; row += 8, at += stride) {
                byte v = (byte) limit[((w[row] + round) >> shift) & mask];
                if (step == 3) {
                    put(out, at, 3, v, v, v, v, v, v, v, v);
                } else {
                    put(out, at, step, v, v, v, v, v, v, v, v);
                }
            }
            return;
        }
        boolean right = (shape & RIGHT_COLUMNS) != 0;
        int descale = CONST_BITS + pass1Bits + 3;
        int round = 1 << (descale - 1);
        for (int row = 0; row < 64; row += 8, at += stride) {
            int in0 = w[row];
            int in1 = w[row + 1];
            int in2 = w[row + 2];
            int in3 = w[row + 3];
            int in4 = 0;
            int in5 = 0;
            int in6 = 0;
            int in7 = 0;
            if (right) {
                in4 = w[row + 4];
                in5 = w[row + 5];
                in6 = w[row + 6];
                in7 = w[row + 7];
            }
            int z1 = (in2 + in6) * FIX_0_541196100;
            int tmp2 = z1 - in6 * FIX_1_847759065;
            int tmp3 = z1 + in2 * FIX_0_765366865;
            int tmp0 = (in0 + in4) << CONST_BITS;
            int tmp1 = (in0 - in4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            int z5 = (in7 + in3 + in5 + in1) * FIX_1_175875602;
            int z1odd = (in7 + in1) * -FIX_0_899976223;
            int z2odd = (in5 + in3) * -FIX_2_562915447;
            int z3odd = (in7 + in3) * -FIX_1_961570560 + z5;
            int z4odd = (in5 + in1) * -FIX_0_390180644 + z5;
            int odd0 = in7 * FIX_0_298631336 + z1odd + z3odd;
            int odd1 = in5 * FIX_2_053119869 + z2odd + z4odd;
            int odd2 = in3 * FIX_3_072711026 + z2odd + z3odd;
            int odd3 = in1 * FIX_1_501321110 + z1odd + z4odd;
            byte s0 = (byte) limit[((tmp10 + odd3 + round) >> descale) & mask];
            byte s7 = (byte) limit[((tmp10 - odd3 + round) >> descale) & mask];
            byte s1 = (byte) limit[((tmp11 + odd2 + round) >> descale) & mask];
            byte s6 = (byte) limit[((tmp11 - odd2 + round) >> descale) & mask];
            byte s2 = (byte) limit[((tmp12 + odd1 + round) >> descale) & mask];
            byte s5 = (byte) limit[((tmp12 - odd1 + round) >> descale) & mask];
            byte s3 = (byte) limit[((tmp13 + odd0 + round) >> descale) & mask];
            byte s4 = (byte) limit[((tmp13 - odd0 + round) >> descale) & mask];
            if (step == 3) {
                put(out, at, 3, s0, s1, s2, s3, s4, s5, s6, s7);
            } else {
                put(out, at, step, s0, s1, s2, s3, s4, s5, s6, s7);
            }
        }
    }

    /**
     * One row of 8 samples {@code step} apart. Called with the literal 3 for the components of a colour image, the
     * common case: C2 inlines this, and the stores are compiled with the step a constant (about 10 % less decode CPU
     * time for a 320x240 4:2:0 frame than the step as a variable throughout).
     */
    private static void put(
            byte[] out, int at, int step, byte s0, byte s1, byte s2, byte s3, byte s4, byte s5, byte s6, byte s7) {
        out[at] = s0;
        out[at + step] = s1;
        out[at + 2 * step] = s2;
        out[at + 3 * step] = s3;
        out[at + 4 * step] = s4;
        out[at + 5 * step] = s5;
        out[at + 6 * step] = s6;
        out[at + 7 * step] = s7;
    }
}
