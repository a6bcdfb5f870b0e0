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

  /**
   * Converts {@code pixels} interleaved Y, Cb, Cr samples of {@code samples} in place.
   *
   * @param sampleBits bits of IJG's sample type: 8 for precisions up to 8, 12 up to 12, else 16
   */
  public static void convert(int[] samples, int pixels, int sampleBits) {
    int center = 1 << (sampleBits - 1);
    int max = (1 << sampleBits) - 1;
    for (int p = 0, i = 0; p < pixels; p++, i += 3) {
      int y = samples[i];
      long cb = samples[i + 1] - center;
      long cr = samples[i + 2] - center;
      int r;
      int b;
      if (sampleBits == 16) {
        // DCMTK's 16-bit IJG build computes these two in floating point (its fixed point would overflow), rounding
        // by truncation towards zero after adding 0.5.
        r = y + (int) (1.40200 * cr + 0.5);
        b = y + (int) (1.77200 * cb + 0.5);
      } else {
        r = y + (int) ((CR_R * cr + HALF) >> SCALE_BITS);
        b = y + (int) ((CB_B * cb + HALF) >> SCALE_BITS);
      }
      int g = y + (int) ((-CB_G * cb + HALF - CR_G * cr) >> SCALE_BITS);
      samples[i] = Math.clamp(r, 0, max);
      samples[i + 1] = Math.clamp(g, 0, max);
      samples[i + 2] = Math.clamp(b, 0, max);
    }
  }

  private static long fix(double x) {
    return (long) (x * (1L << SCALE_BITS) + 0.5);
  }
}
