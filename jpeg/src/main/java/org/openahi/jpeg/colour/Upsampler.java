package org.openahi.jpeg.colour;

import org.openahi.jpeg.image.ChromaPlane;
import org.openahi.jpeg.image.Plane;

/**
 * Brings one component to full image resolution, one output line at a time, as DCMTK's IJG library does
 * (jdsample.c): in DCT images, a component at half the horizontal resolution (ratio 2x1) or half in both directions
 * (2x2) is interpolated with the triangle filter IJG calls "fancy upsampling" (3/4 of the nearer sample, 1/4 of the
 * farther, edges replicated), unless the component is 2 samples wide or less; every other integral ratio, and every
 * lossless image, replicates samples. Ratios that are not integral (which IJG refuses) take the nearest sample to
 * the left and above. Lines are 16-bit cells, like IJG's sample type above 8 bits (read with {@code & 0xFFFF}).
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
    /** The output line, unless it is a row of the plane itself. */
    private final short[] line;

    private int offset;

    private enum Mode {
        PLANE,
        SHIFT,
        FANCY_H2V1,
        FANCY_H2V2,
        REPLICATE
    }

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
            mode = shift == 0 ? Mode.PLANE : Mode.SHIFT;
        } else if (interpolate && v == maxV) {
            mode = Mode.FANCY_H2V1;
        } else if (interpolate && maxV == 2 * v) {
            mode = Mode.FANCY_H2V2;
        } else {
            mode = Mode.REPLICATE;
        }
        line = mode == Mode.PLANE ? null : new short[Math.max(width, 2 * plane.width())];
    }

    /**
     * Output line {@code y} of the component: {@code width} samples in the returned array from {@link #offset()} on.
     * The array is the plane's or this upsampler's own, valid until the next call.
     */
    public short[] line(int y) {
        short[] s = plane.samples();
        offset = 0;
        switch (mode) {
            case PLANE -> {
                offset = plane.rowOffset(y);
                return s;
            }
            case SHIFT -> {
                int row = plane.rowOffset(y);
                for (int x = 0; x < width; x++) {
                    line[x] = (short) (s[row + x] << shift);
                }
            }
            case FANCY_H2V1 -> fancyH2v1(s, plane.rowOffset(y));
            case FANCY_H2V2 -> fancyH2v2(s, y);
            case REPLICATE -> {
                int row = plane.rowOffset((int) ((long) y * vNum / vDen));
                for (int x = 0; x < width; x++) {
                    line[x] = (short) (s[row + (int) ((long) x * hNum / hDen)] << shift);
                }
            }
            default -> throw new IllegalStateException();
        }
        return line;
    }

    /**
     * Writes output line {@code y} of an 8-bit component into {@code out} from {@code o} on, samples {@code step}
     * apart (the component's place in an interleaved image).
     */
    public void write(int y, byte[] out, int o, int step) {
        short[] s = line(y);
        for (int x = 0, from = offset; x < width; x++, o += step) {
            out[o] = (byte) s[from + x];
        }
    }

    /**
     * Output line {@code y} of Cb and Cr from their shared plane, written straight into the output at {@code o} and
     * {@code o + 1} of pixels 3 bytes apart (Y, Cb, Cr), in one pass without the lines in between. It computes
     * {@link #fancyH2v2(short[], int)} for 4:2:0 ({@code halfHeight}); 4:2:2 is the same with the near row as the
     * far one (column sums of 4 x a sample) and its own rounding, (x + 8) / 16 and (x + 4) / 16 where 2x2 has + 7 and
     * + 8. Both components are computed at once in the two 16-bit halves of an int (sums of 8-bit samples stay below
     * 2^12, so no half carries into the other, and the bits the shift brings down from the upper half stay above the
     * lower half's byte). The column sums are computed first, in a loop of their own that C2 vectorises (about 23 %
     * less CPU time for the pass than sums computed in the loop that writes the bytes, in a micro-benchmark). The
     * last output is written only when the image is that wide (an odd width ends one sample earlier).
     *
     * @param width the image's width
     * @param sums  scratch, at least {@code plane.width()} long
     */
    public static void writeChroma(
            ChromaPlane plane, boolean halfHeight, int y, byte[] out, int o, int width, int[] sums) {
        int near = y;
        int far = y;
        int left = 8 | 8 << 16;
        int right = 4 | 4 << 16;
        if (halfHeight) {
            near = y >> 1;
            far = (y & 1) == 0 ? Math.max(near - 1, 0) : Math.min(near + 1, plane.height() - 1);
            left = 7 | 7 << 16;
            right = 8 | 8 << 16;
        }
        int[] c = plane.cells();
        near = plane.rowOffset(near);
        far = plane.rowOffset(far);
        int n = plane.width();
        for (int i = 0; i < n; i++) {
            sums[i] = 3 * c[near + i] + c[far + i];
        }
        int previous = sums[0];
        int first = (previous * 4 + (8 | 8 << 16)) >> 4;
        out[o] = (byte) first;
        out[o + 1] = (byte) (first >> 16);
        // output pixels 2i - 1 and 2i come from input sample i
        int pixels = o - 3;
        for (int i = 1; i < n; i++) {
            int sum = sums[i];
            int l = (previous * 3 + sum + left) >> 4;
            int m = (sum * 3 + previous + right) >> 4;
            out[pixels + 6 * i] = (byte) l;
            out[pixels + 6 * i + 1] = (byte) (l >> 16);
            out[pixels + 6 * i + 3] = (byte) m;
            out[pixels + 6 * i + 4] = (byte) (m >> 16);
            previous = sum;
        }
        if (2 * n <= width) {
            int last = (previous * 4 + (7 | 7 << 16)) >> 4;
            out[pixels + 6 * n] = (byte) last;
            out[pixels + 6 * n + 1] = (byte) (last >> 16);
        }
    }

    /** Where the last {@link #line} starts in its array. */
    public int offset() {
        return offset;
    }

    /** Each input sample gives two outputs: (3 x nearer + farther + 1 or 2) / 4, the ends copied. */
    private void fancyH2v1(short[] s, int row) {
        int n = plane.width();
        short[] out = line;
        out[0] = s[row];
        int previous = s[row] & 0xFFFF;
        for (int i = 1; i < n; i++) {
            int here = s[row + i] & 0xFFFF;
            out[2 * i - 1] = (short) ((3 * previous + here + 2) >> 2);
            out[2 * i] = (short) ((3 * here + previous + 1) >> 2);
            previous = here;
        }
        out[2 * n - 1] = s[row + n - 1];
    }

    /**
     * Output line y comes from input line y/2 weighted 3 to 1 with the line above (y even) or below (y odd), lines
     * past the component's edges replicated; then each column sum is interpolated horizontally as in 2x1, with
     * IJG's rounding (+8 on the left outputs, +7 on the right).
     */
    private void fancyH2v2(short[] s, int y) {
        int n = plane.width();
        int inRow = y >> 1;
        int other = (y & 1) == 0 ? Math.max(inRow - 1, 0) : Math.min(inRow + 1, plane.height() - 1);
        int near = plane.rowOffset(inRow);
        int far = plane.rowOffset(other);
        short[] out = line;
        int previous = 3 * (s[near] & 0xFFFF) + (s[far] & 0xFFFF);
        out[0] = (short) ((previous * 4 + 8) >> 4);
        for (int i = 1; i < n; i++) {
            int sum = 3 * (s[near + i] & 0xFFFF) + (s[far + i] & 0xFFFF);
            out[2 * i - 1] = (short) ((previous * 3 + sum + 7) >> 4);
            out[2 * i] = (short) ((sum * 3 + previous + 8) >> 4);
            previous = sum;
        }
        out[2 * n - 1] = (short) ((previous * 4 + 7) >> 4);
    }
}
