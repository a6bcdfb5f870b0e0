package org.openahi.jpeg.colour;

import org.openahi.jpeg.image.Plane;

/**
 * Brings one component to full image resolution, one output line at a time, as DCMTK's IJG library does
 * (jdsample.c): in DCT images, a component at half the horizontal resolution (ratio 2x1) or half in both directions
 * (2x2) is interpolated with the triangle filter IJG calls "fancy upsampling" (3/4 of the nearer sample, 1/4 of the
 * farther, edges replicated), unless the component is 2 samples wide or less; every other integral ratio, and every
 * lossless image, replicates samples. Ratios that are not integral (which IJG refuses) take the nearest sample to
 * the left and above.
 */
public final class Upsampler {

  private final Plane plane;
  private final int width;
  private final int hNum;
  private final int hDen;
  private final int vNum;
  private final int vDen;
  private final int shift;
  private final Mode mode;
  /** Two output samples per input sample, before cropping to the image width (fancy modes). */
  private final int[] wide;
  /** Column sums of the two contributing lines (2x2 mode). */
  private final int[] sums;

  private enum Mode { FULL, FANCY_H2V1, FANCY_H2V2, REPLICATE }

  /**
   * @param plane  the component's samples
   * @param h      its sampling factors against the frame's largest ones
   * @param v      vertical sampling factor
   * @param maxH   Hmax
   * @param maxV   Vmax
   * @param width  output samples per line (the image width)
   * @param fancy  whether the image is DCT-coded, where IJG interpolates 2x1 and 2x2
   * @param shift  left shift applied to every sample (the lossless point transform)
   */
  public Upsampler(Plane plane, int h, int v, int maxH, int maxV, int width, boolean fancy, int shift) {
    this.plane = plane;
    this.width = width;
    this.hNum = h;
    this.hDen = maxH;
    this.vNum = v;
    this.vDen = maxV;
    this.shift = shift;
    boolean interpolate = fancy && plane.width() > 2 && maxH == 2 * h;
    if (h == maxH && v == maxV) {
      mode = Mode.FULL;
    } else if (interpolate && v == maxV) {
      mode = Mode.FANCY_H2V1;
    } else if (interpolate && maxV == 2 * v) {
      mode = Mode.FANCY_H2V2;
    } else {
      mode = Mode.REPLICATE;
    }
    wide = mode == Mode.FANCY_H2V1 || mode == Mode.FANCY_H2V2 ? new int[2 * plane.width()] : null;
    sums = mode == Mode.FANCY_H2V2 ? new int[plane.width()] : null;
  }

  /** Output line {@code y} of the component: {@code width} samples into {@code out}. */
  public void line(int y, int[] out) {
    short[] s = plane.samples();
    int stride = plane.stride();
    switch (mode) {
      case FULL -> {
        int row = y * stride;
        for (int x = 0; x < width; x++) {
          out[x] = (s[row + x] & 0xFFFF) << shift;
        }
      }
      case FANCY_H2V1 -> fancyH2v1(s, y * stride, out);
      case FANCY_H2V2 -> fancyH2v2(s, stride, y, out);
      case REPLICATE -> {
        int row = (int) ((long) y * vNum / vDen) * stride;
        for (int x = 0; x < width; x++) {
          out[x] = (s[row + (int) ((long) x * hNum / hDen)] & 0xFFFF) << shift;
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  /** Each input sample gives two outputs: (3 x nearer + farther + 1 or 2) / 4, the ends copied. */
  private void fancyH2v1(short[] s, int row, int[] out) {
    int n = plane.width();
    wide[0] = s[row] & 0xFFFF;
    wide[2 * n - 1] = s[row + n - 1] & 0xFFFF;
    for (int i = 0; i < n; i++) {
      int here = 3 * (s[row + i] & 0xFFFF);
      if (i > 0) {
        wide[2 * i] = (here + (s[row + i - 1] & 0xFFFF) + 1) >> 2;
      }
      if (i < n - 1) {
        wide[2 * i + 1] = (here + (s[row + i + 1] & 0xFFFF) + 2) >> 2;
      }
    }
    System.arraycopy(wide, 0, out, 0, width);
  }

  /**
   * Output line y comes from input line y/2 weighted 3 to 1 with the line above (y even) or below (y odd), lines
   * past the component's edges replicated; then each column sum is interpolated horizontally as in 2x1, with
   * IJG's rounding (+8 on the left outputs, +7 on the right).
   */
  private void fancyH2v2(short[] s, int stride, int y, int[] out) {
    int n = plane.width();
    int inRow = y >> 1;
    int other = (y & 1) == 0 ? Math.max(inRow - 1, 0) : Math.min(inRow + 1, plane.height() - 1);
    int near = inRow * stride;
    int far = other * stride;
    for (int i = 0; i < n; i++) {
      sums[i] = 3 * (s[near + i] & 0xFFFF) + (s[far + i] & 0xFFFF);
    }
    wide[0] = (sums[0] * 4 + 8) >> 4;
    wide[2 * n - 1] = (sums[n - 1] * 4 + 7) >> 4;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        wide[2 * i] = (sums[i] * 3 + sums[i - 1] + 8) >> 4;
      }
      if (i < n - 1) {
        wide[2 * i + 1] = (sums[i] * 3 + sums[i + 1] + 7) >> 4;
      }
    }
    System.arraycopy(wide, 0, out, 0, width);
  }
}
