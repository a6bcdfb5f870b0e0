package org.openahi.htj2k.dwt;

/**
 * The irreversible 9/7 wavelet, inverse only, by lifting in single precision (T.800 F.3.8.2), one level at a time
 * in place. Layout, parity and edges as in {@link Wavelet53}. Each sample goes through the same operations in the
 * same order as in OpenJPH (scale by K or 1/K, then the four lifting steps, rows before columns), so lossy HTJ2K
 * images decode bit-exact with it; {@link #inverseOpenJpeg} is the variant OpenJPEG uses, which Part 1 images
 * decode bit-exact with.
 */
public final class Wavelet97 {

    private static final float ALPHA = -1.586134342059924f;
    private static final float BETA = -0.052980118572961f;
    private static final float GAMMA = 0.882911075530934f;
    private static final float DELTA = 0.443506852043971f;
    private static final float K = 1.230174104914001f;
    private static final float INV_K = 1f / K;
    /** OpenJPEG scales high-pass samples by this (its historic 2/K) and leaves the subband gain out of the steps. */
    private static final float TWO_INV_K = 1.625732422f;

    private Wavelet97() {}

    public static int scratchSize(int width, int height) {
        return Wavelet53.scratchSize(width, height);
    }

    public static void inverse(
            float[] buf, int offset, int stride, int width, int height, int xParity, int yParity, float[] tmp) {
        inverse(buf, offset, stride, width, height, xParity, yParity, tmp, INV_K, 0.5f);
    }

    /**
     * The inverse as OpenJPEG 2.5 computes it: high-pass samples scaled by 2/K (its step sizes carry no subband
     * gain to make up for it), and a single sample at an odd coordinate left as it is.
     */
    public static void inverseOpenJpeg(
            float[] buf, int offset, int stride, int width, int height, int xParity, int yParity, float[] tmp) {
        inverse(buf, offset, stride, width, height, xParity, yParity, tmp, TWO_INV_K, 1f);
    }

    private static void inverse(
            float[] buf,
            int offset,
            int stride,
            int width,
            int height,
            int xParity,
            int yParity,
            float[] tmp,
            float highScale,
            float oddSingle) {
        if (width == 0 || height == 0) {
            return; // an empty resolution, which tile and image offsets can make
        }
        for (int y = 0; y < height; y++) {
            int row = offset + y * stride;
            if (width == 1) {
                if (xParity == 1) {
                    buf[row] *= oddSingle;
                }
                continue;
            }
            int nl = Wavelet53.lows(width, xParity);
            int nh = width - nl;
            for (int i = 0; i < nl; i++) {
                buf[row + i] *= K;
            }
            for (int i = 0; i < nh; i++) {
                buf[row + nl + i] *= highScale;
            }
            lift(buf, row, row + nl, nl, nh, xParity == 0 ? -1 : 0, DELTA);
            lift(buf, row + nl, row, nh, nl, xParity == 0 ? 0 : -1, GAMMA);
            lift(buf, row, row + nl, nl, nh, xParity == 0 ? -1 : 0, BETA);
            lift(buf, row + nl, row, nh, nl, xParity == 0 ? 0 : -1, ALPHA);
            merge(buf, row, width, xParity, tmp);
        }
        if (height == 1) {
            if (yParity == 1) {
                for (int x = 0; x < width; x++) {
                    buf[offset + x] *= oddSingle;
                }
            }
            return;
        }
        int nl = Wavelet53.lows(height, yParity);
        int nh = height - nl;
        for (int i = 0; i < height; i++) {
            float f = i < nl ? K : highScale;
            int row = offset + i * stride;
            for (int x = 0; x < width; x++) {
                buf[row + x] *= f;
            }
        }
        liftRows(buf, offset, stride, width, 0, nl, nl, nh, yParity == 0 ? -1 : 0, DELTA);
        liftRows(buf, offset, stride, width, nl, nh, 0, nl, yParity == 0 ? 0 : -1, GAMMA);
        liftRows(buf, offset, stride, width, 0, nl, nl, nh, yParity == 0 ? -1 : 0, BETA);
        liftRows(buf, offset, stride, width, nl, nh, 0, nl, yParity == 0 ? 0 : -1, ALPHA);
        Wavelet53.mergeRows(buf, offset, stride, width, height, yParity, tmp);
    }

    /**
     * target[i] -= c * (other[i + shift] + other[i + shift + 1]) for the {@code n} target samples, indices into the
     * {@code m} other samples repeating the last one past either end.
     */
    private static void lift(float[] b, int target, int other, int n, int m, int shift, float c) {
        int last = m - 1;
        for (int i = 0; i < n; i++) {
            int a = i + shift;
            int d = a + 1;
            b[target + i] -= c * (b[other + (a < 0 ? 0 : Math.min(a, last))] + b[other + Math.min(d, last)]);
        }
    }

    /** {@link #lift} on whole rows: {@code n} target rows from {@code targetRow}, {@code m} others from {@code otherRow}. */
    private static void liftRows(
            float[] b,
            int offset,
            int stride,
            int width,
            int targetRow,
            int n,
            int otherRow,
            int m,
            int shift,
            float c) {
        for (int i = 0; i < n; i++) {
            int row = offset + (targetRow + i) * stride;
            int a = i + shift;
            int d = a + 1;
            int ra = offset + (otherRow + (a < 0 ? 0 : Math.min(a, m - 1))) * stride;
            int rd = offset + (otherRow + Math.min(d, m - 1)) * stride;
            for (int x = 0; x < width; x++) {
                b[row + x] -= c * (b[ra + x] + b[rd + x]);
            }
        }
    }

    private static void merge(float[] b, int row, int n, int parity, float[] tmp) {
        int nl = Wavelet53.lows(n, parity);
        int nh = n - nl;
        System.arraycopy(b, row + nl, tmp, 0, nh);
        for (int i = nl - 1; i >= 0; i--) {
            b[row + 2 * i + parity] = b[row + i];
        }
        for (int i = 0; i < nh; i++) {
            b[row + 2 * i + 1 - parity] = tmp[i];
        }
    }
}
