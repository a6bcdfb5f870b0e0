package org.openahi.jpeg.colour;

/**
 * YCbCr to RGB as JFIF and T.871 define it and IJG computes it (jdcolor.c): 16-bit fixed-point factors, rounded,
 * results clamped to the sample range (for 16-bit samples, R and B as DCMTK's 16-bit build computes them). The centre of Cb and Cr is half the range of IJG's sample type for the
 * precision (8, 12 or 16 bits), as in DCMTK, which picks its IJG build by precision.
 */
public final class YbrToRgb {

  private static final int SCALE_BITS = 16;
  private static final long HALF = 1L << (SCALE_BITS - 1);
  private static final long CR_R = fix(1.40200);
  private static final long CB_B = fix(1.77200);
  private static final long CR_G = fix(0.71414);
  private static final long CB_G = fix(0.34414);

  private YbrToRgb() {
  }

  /** Per-Cb and per-Cr contributions for IJG's 8- and 12-bit sample types, built on first use. */
  private static final int[][][] TABLES = new int[17][][];

  /**
   * Converts {@code count} pixels given as lines of Y, Cb and Cr in place: R replaces Y, G replaces Cb, B replaces
   * Cr.
   *
   * @param sampleBits bits of IJG's sample type: 8 for precisions up to 8, 12 up to 12, else 16
   */
  public static void convert(int[] y, int[] cb, int[] cr, int count, int sampleBits) {
    if (sampleBits == 16) {
      convert16(y, cb, cr, count);
      return;
    }
    int[][] t = tables(sampleBits);
    int[] crR = t[0];
    int[] cbB = t[1];
    int[] cbG = t[2];
    int[] crG = t[3];
    int max = (1 << sampleBits) - 1;
    for (int i = 0; i < count; i++) {
      int luma = y[i] & max;
      int b = cb[i] & max;
      int r = cr[i] & max;
      y[i] = clamp(luma + crR[r], max);
      cb[i] = clamp(luma + ((cbG[b] + crG[r]) >> SCALE_BITS), max);
      cr[i] = clamp(luma + cbB[b], max);
    }
  }

  private static int clamp(int v, int max) {
    return v < 0 ? 0 : v > max ? max : v;
  }

  /** IJG's tables: R and B offsets rounded, G's two scaled terms with the rounding half added to Cb's. */
  private static synchronized int[][] tables(int bits) {
    if (TABLES[bits] == null) {
      int size = 1 << bits;
      int center = size / 2;
      int[][] t = new int[4][size];
      for (int i = 0; i < size; i++) {
        long x = i - center;
        t[0][i] = (int) ((CR_R * x + HALF) >> SCALE_BITS);
        t[1][i] = (int) ((CB_B * x + HALF) >> SCALE_BITS);
        t[2][i] = (int) (-CB_G * x + HALF);
        t[3][i] = (int) (-CR_G * x);
      }
      TABLES[bits] = t;
    }
    return TABLES[bits];
  }

  /**
   * DCMTK's 16-bit IJG build computes R and B in floating point (its fixed point would overflow), rounding by
   * truncation towards zero after adding 0.5.
   */
  private static void convert16(int[] y, int[] cb, int[] cr, int count) {
    int center = 1 << 15;
    for (int i = 0; i < count; i++) {
      int luma = y[i];
      long b = cb[i] - center;
      long r = cr[i] - center;
      y[i] = clamp(luma + (int) (1.40200 * r + 0.5), 0xFFFF);
      cb[i] = clamp(luma + (int) ((-CB_G * b + HALF - CR_G * r) >> SCALE_BITS), 0xFFFF);
      cr[i] = clamp(luma + (int) (1.77200 * b + 0.5), 0xFFFF);
    }
  }

  private static long fix(double x) {
    return (long) (x * (1L << SCALE_BITS) + 0.5);
  }
}
