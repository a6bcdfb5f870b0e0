package org.openahi.htj2k.dwt;

/**
 * The irreversible 9/7 wavelet, inverse only, by lifting in single precision (T.800 F.3.8.2), one level at a time
 * in place. Layout and parity as in {@link Wavelet53}: low-pass samples first in each direction, rows undone first.
 */
public final class Wavelet97 {

    private static final float ALPHA = -1.586134342059924f;
    private static final float BETA = -0.052980118572961f;
    private static final float GAMMA = 0.882911075530934f;
    private static final float DELTA = 0.443506852043971f;
    private static final float K = 1.230174104914001f;
    private static final float INV_K = 1f / K;

    private Wavelet97() {
    }

    public static int scratchSize(int width, int height) {
        return Math.max(width, height * Wavelet53.STRIP);
    }

    public static void inverse(float[] buf, int offset, int stride, int width, int height, int xParity, int yParity,
                               float[] tmp) {
        for (int y = 0; y < height; y++) {
            horizontal(buf, offset + y * stride, width, xParity, tmp);
        }
        vertical(buf, offset, stride, width, height, yParity, tmp);
    }

    private static void horizontal(float[] buf, int row, int n, int parity, float[] x) {
        if (n == 1) {
            if (parity == 1) {
                buf[row] *= 0.5f;
            }
            return;
        }
        int lows = parity == 0 ? (n + 1) >> 1 : n >> 1;
        for (int k = 0; k < n; k++) {
            boolean low = ((k + parity) & 1) == 0;
            x[k] = buf[row + (low ? 0 : lows) + (k >> 1)];
        }
        int even = parity;
        int odd = 1 - parity;
        for (int k = even; k < n; k += 2) {
            x[k] *= K;
        }
        for (int k = odd; k < n; k += 2) {
            x[k] *= INV_K;
        }
        step(x, n, even, DELTA);
        step(x, n, odd, GAMMA);
        step(x, n, even, BETA);
        step(x, n, odd, ALPHA);
        System.arraycopy(x, 0, buf, row, n);
    }

    private static void step(float[] x, int n, int first, float c) {
        for (int k = first; k < n; k += 2) {
            float a = k > 0 ? x[k - 1] : x[k + 1];
            float b = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] -= c * (a + b);
        }
    }

    private static void vertical(float[] buf, int offset, int stride, int width, int height, int parity,
                                 float[] tmp) {
        int s = Wavelet53.STRIP;
        if (height == 1) {
            if (parity == 1) {
                for (int x = 0; x < width; x++) {
                    buf[offset + x] *= 0.5f;
                }
            }
            return;
        }
        int lows = parity == 0 ? (height + 1) >> 1 : height >> 1;
        for (int x0 = 0; x0 < width; x0 += s) {
            int w = Math.min(s, width - x0);
            for (int k = 0; k < height; k++) {
                int from = ((k + parity) & 1) == 0 ? k >> 1 : lows + (k >> 1);
                System.arraycopy(buf, offset + from * stride + x0, tmp, k * s, w);
            }
            for (int k = 0; k < height; k++) {
                float f = ((k + parity) & 1) == 0 ? K : INV_K;
                for (int j = 0; j < w; j++) {
                    tmp[k * s + j] *= f;
                }
            }
            rows(tmp, height, w, parity, DELTA);
            rows(tmp, height, w, 1 - parity, GAMMA);
            rows(tmp, height, w, parity, BETA);
            rows(tmp, height, w, 1 - parity, ALPHA);
            for (int k = 0; k < height; k++) {
                System.arraycopy(tmp, k * s, buf, offset + k * stride + x0, w);
            }
        }
    }

    private static void rows(float[] t, int n, int w, int first, float c) {
        int s = Wavelet53.STRIP;
        for (int k = first; k < n; k += 2) {
            int a = (k > 0 ? k - 1 : k + 1) * s;
            int b = (k + 1 < n ? k + 1 : k - 1) * s;
            int row = k * s;
            for (int j = 0; j < w; j++) {
                t[row + j] -= c * (t[a + j] + t[b + j]);
            }
        }
    }
}
