package org.openahi.jpeg.dct;

/**
 * Inverse DCT of one 8 x 8 block with dequantisation, level shift and clamping (T.81 A.3.3, A.3.1).
 *
 * <p>The arithmetic is the fixed-point Loeffler-Ligtenberg-Moschytz factorisation with 13-bit constants that the IJG
 * library calls "islow", its default, with its intermediate scaling (2 extra bits between the passes for 8-bit
 * samples, 1 for 12-bit) and its range limiting; DCMTK's dcmdjpeg and libjpeg-turbo decode with it, so lossy images
 * decode to the same samples as theirs. Like IJG, out-of-range results are clamped through a table indexed modulo
 * 4 x 2^P, which only matters for corrupt coefficients.
 */
public final class Idct {

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

  private final int pass1Bits;
  private final int rangeMask;
  /** Output sample for a level-shift-free result r, at index r & rangeMask. */
  private final short[] rangeLimit;
  private final int[] workspace = new int[64];

  /** For sample precision 8 or 12. */
  public Idct(int precision) {
    this.pass1Bits = precision == 8 ? 2 : 1;
    int size = 1 << precision;
    int center = size / 2;
    this.rangeMask = 4 * size - 1;
    this.rangeLimit = new short[4 * size];
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
      rangeLimit[m] = (short) value;
    }
  }

  /**
   * The transform of a block whose AC coefficients are all zero: one value, exactly what {@link #transform} gives
   * for it (both of its passes take their all-zero shortcut).
   */
  public void transformDc(int dc, int quant0, short[] out, int at, int stride) {
    short v = rangeLimit[((dc * quant0 << pass1Bits) + (1 << (pass1Bits + 2)) >> (pass1Bits + 3)) & rangeMask];
    for (int row = 0; row < 8; row++, at += stride) {
      java.util.Arrays.fill(out, at, at + 8, v);
    }
  }

  /**
   * Transforms the quantised coefficients {@code coef[from .. from+63]} (natural order) with {@code quant} (natural
   * order) into 8 rows of 8 samples at {@code out[at]}, rows {@code stride} apart.
   */
  public void transform(short[] coef, int from, int[] quant, short[] out, int at, int stride) {
    int[] ws = workspace;
    int descale1 = CONST_BITS - pass1Bits;
    int round1 = 1 << (descale1 - 1);
    for (int col = 0; col < 8; col++) {
      int c = from + col;
      if (coef[c + 8] == 0 && coef[c + 16] == 0 && coef[c + 24] == 0 && coef[c + 32] == 0 && coef[c + 40] == 0
          && coef[c + 48] == 0 && coef[c + 56] == 0) {
        int dc = coef[c] * quant[col] << pass1Bits;
        for (int row = 0; row < 64; row += 8) {
          ws[row + col] = dc;
        }
        continue;
      }
      // Even part.
      int z2 = coef[c + 16] * quant[col + 16];
      int z3 = coef[c + 48] * quant[col + 48];
      int z1 = (z2 + z3) * FIX_0_541196100;
      int tmp2 = z1 - z3 * FIX_1_847759065;
      int tmp3 = z1 + z2 * FIX_0_765366865;
      z2 = coef[c] * quant[col];
      z3 = coef[c + 32] * quant[col + 32];
      int tmp0 = (z2 + z3) << CONST_BITS;
      int tmp1 = (z2 - z3) << CONST_BITS;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp1 + tmp2;
      int tmp12 = tmp1 - tmp2;
      // Odd part, from the inputs at rows 7, 5, 3, 1.
      int in7 = coef[c + 56] * quant[col + 56];
      int in5 = coef[c + 40] * quant[col + 40];
      int in3 = coef[c + 24] * quant[col + 24];
      int in1 = coef[c + 8] * quant[col + 8];
      int z5 = (in7 + in3 + in5 + in1) * FIX_1_175875602;
      int z1odd = (in7 + in1) * -FIX_0_899976223;
      int z2odd = (in5 + in3) * -FIX_2_562915447;
      int z3odd = (in7 + in3) * -FIX_1_961570560 + z5;
      int z4 = (in5 + in1) * -FIX_0_390180644 + z5;
      int odd0 = in7 * FIX_0_298631336 + z1odd + z3odd;
      int odd1 = in5 * FIX_2_053119869 + z2odd + z4;
      int odd2 = in3 * FIX_3_072711026 + z2odd + z3odd;
      int odd3 = in1 * FIX_1_501321110 + z1odd + z4;
      ws[col] = (tmp10 + odd3 + round1) >> descale1;
      ws[col + 56] = (tmp10 - odd3 + round1) >> descale1;
      ws[col + 8] = (tmp11 + odd2 + round1) >> descale1;
      ws[col + 48] = (tmp11 - odd2 + round1) >> descale1;
      ws[col + 16] = (tmp12 + odd1 + round1) >> descale1;
      ws[col + 40] = (tmp12 - odd1 + round1) >> descale1;
      ws[col + 24] = (tmp13 + odd0 + round1) >> descale1;
      ws[col + 32] = (tmp13 - odd0 + round1) >> descale1;
    }
    int descale2 = CONST_BITS + pass1Bits + 3;
    int round2 = 1 << (descale2 - 1);
    int shortRound = 1 << (pass1Bits + 2);
    short[] limit = rangeLimit;
    int mask = rangeMask;
    for (int row = 0; row < 64; row += 8, at += stride) {
      if (ws[row + 1] == 0 && ws[row + 2] == 0 && ws[row + 3] == 0 && ws[row + 4] == 0 && ws[row + 5] == 0
          && ws[row + 6] == 0 && ws[row + 7] == 0) {
        short v = limit[((ws[row] + shortRound) >> (pass1Bits + 3)) & mask];
        for (int i = 0; i < 8; i++) {
          out[at + i] = v;
        }
        continue;
      }
      int z2 = ws[row + 2];
      int z3 = ws[row + 6];
      int z1 = (z2 + z3) * FIX_0_541196100;
      int tmp2 = z1 - z3 * FIX_1_847759065;
      int tmp3 = z1 + z2 * FIX_0_765366865;
      int tmp0 = (ws[row] + ws[row + 4]) << CONST_BITS;
      int tmp1 = (ws[row] - ws[row + 4]) << CONST_BITS;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp1 + tmp2;
      int tmp12 = tmp1 - tmp2;
      int in7 = ws[row + 7];
      int in5 = ws[row + 5];
      int in3 = ws[row + 3];
      int in1 = ws[row + 1];
      int z5 = (in7 + in3 + in5 + in1) * FIX_1_175875602;
      int z1odd = (in7 + in1) * -FIX_0_899976223;
      int z2odd = (in5 + in3) * -FIX_2_562915447;
      int z3odd = (in7 + in3) * -FIX_1_961570560 + z5;
      int z4 = (in5 + in1) * -FIX_0_390180644 + z5;
      int odd0 = in7 * FIX_0_298631336 + z1odd + z3odd;
      int odd1 = in5 * FIX_2_053119869 + z2odd + z4;
      int odd2 = in3 * FIX_3_072711026 + z2odd + z3odd;
      int odd3 = in1 * FIX_1_501321110 + z1odd + z4;
      out[at] = limit[((tmp10 + odd3 + round2) >> descale2) & mask];
      out[at + 7] = limit[((tmp10 - odd3 + round2) >> descale2) & mask];
      out[at + 1] = limit[((tmp11 + odd2 + round2) >> descale2) & mask];
      out[at + 6] = limit[((tmp11 - odd2 + round2) >> descale2) & mask];
      out[at + 2] = limit[((tmp12 + odd1 + round2) >> descale2) & mask];
      out[at + 5] = limit[((tmp12 - odd1 + round2) >> descale2) & mask];
      out[at + 3] = limit[((tmp13 + odd0 + round2) >> descale2) & mask];
      out[at + 4] = limit[((tmp13 - odd0 + round2) >> descale2) & mask];
    }
  }
}
