package org.openahi.htj2k.dwt;

/**
 * The reversible 5/3 wavelet by lifting, one decomposition level at a time, in place (T.800 F.3.8, F.4.8).
 *
 * <p>A level covers {@code width x height} samples at {@code buf[offset + y * stride + x]} whose first column and row
 * sit at coordinates of parity {@code xParity} and {@code yParity}; the parity decides which samples are low-pass.
 * In transformed form each direction holds its low-pass samples first, then its high-pass ones. Symmetric extension
 * at the edges; a single sample passes through when its coordinate is even and is doubled (halved back) when odd.
 * The forward transform filters columns, then rows; the inverse undoes rows, then columns.
 */
public final class Wavelet53 {

    /** Columns transformed together: the vertical lifting runs along whole rows of this strip. */
    static final int STRIP = 32;

    private Wavelet53() {
    }

    /** Scratch needed by {@link #forward} and {@link #inverse} for a level of this size. */
    public static int scratchSize(int width, int height) {
        return Math.max(width, height * STRIP);
    }

    public static void forward(int[] buf, int offset, int stride, int width, int height, int xParity, int yParity,
                               int[] tmp) {
        vertical(buf, offset, stride, width, height, yParity, tmp, true);
        for (int y = 0; y < height; y++) {
            horizontalForward(buf, offset + y * stride, width, xParity, tmp);
        }
    }

    public static void inverse(int[] buf, int offset, int stride, int width, int height, int xParity, int yParity,
                               int[] tmp) {
        for (int y = 0; y < height; y++) {
            horizontalInverse(buf, offset + y * stride, width, xParity, tmp);
        }
        vertical(buf, offset, stride, width, height, yParity, tmp, false);
    }

    private static void horizontalForward(int[] buf, int row, int n, int parity, int[] x) {
        if (n == 1) {
            if (parity == 1) {
                buf[row] *= 2;
            }
            return;
        }
        System.arraycopy(buf, row, x, 0, n);
        int first = parity == 0 ? 1 : 0; // first odd coordinate
        for (int k = first; k < n; k += 2) {
            int a = k > 0 ? x[k - 1] : x[k + 1];
            int b = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] -= (a + b) >> 1;
        }
        for (int k = 1 - first; k < n; k += 2) {
            int a = k > 0 ? x[k - 1] : x[k + 1];
            int b = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] += (a + b + 2) >> 2;
        }
        int lows = parity == 0 ? (n + 1) >> 1 : n >> 1;
        for (int k = 0; k < n; k++) {
            boolean low = ((k + parity) & 1) == 0;
            buf[row + (low ? 0 : lows) + (k >> 1)] = x[k];
        }
    }

    private static void horizontalInverse(int[] buf, int row, int n, int parity, int[] x) {
        if (n == 1) {
            if (parity == 1) {
                buf[row] /= 2;
            }
            return;
        }
        int lows = parity == 0 ? (n + 1) >> 1 : n >> 1;
        for (int k = 0; k < n; k++) {
            boolean low = ((k + parity) & 1) == 0;
            x[k] = buf[row + (low ? 0 : lows) + (k >> 1)];
        }
        int firstEven = parity;
        for (int k = firstEven; k < n; k += 2) {
            int a = k > 0 ? x[k - 1] : x[k + 1];
            int b = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] -= (a + b + 2) >> 2;
        }
        for (int k = 1 - firstEven; k < n; k += 2) {
            int a = k > 0 ? x[k - 1] : x[k + 1];
            int b = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] += (a + b) >> 1;
        }
        System.arraycopy(x, 0, buf, row, n);
    }

    /** Both directions of the vertical step, a strip of columns at a time, rows treated as vectors. */
    private static void vertical(int[] buf, int offset, int stride, int width, int height, int parity, int[] tmp,
                                 boolean forward) {
        if (height == 1) {
            if (parity == 1) {
                for (int x = 0; x < width; x++) {
                    if (forward) {
                        buf[offset + x] *= 2;
                    } else {
                        buf[offset + x] /= 2;
                    }
                }
            }
            return;
        }
        int lows = parity == 0 ? (height + 1) >> 1 : height >> 1;
        for (int x0 = 0; x0 < width; x0 += STRIP) {
            int w = Math.min(STRIP, width - x0);
            if (forward) {
                for (int k = 0; k < height; k++) {
                    System.arraycopy(buf, offset + k * stride + x0, tmp, k * STRIP, w);
                }
                lift(tmp, height, w, 1 - parity, -1, 1, 0);
                lift(tmp, height, w, parity, 1, 2, 2);
                for (int k = 0; k < height; k++) {
                    int to = ((k + parity) & 1) == 0 ? k >> 1 : lows + (k >> 1);
                    System.arraycopy(tmp, k * STRIP, buf, offset + to * stride + x0, w);
                }
            } else {
                for (int k = 0; k < height; k++) {
                    int from = ((k + parity) & 1) == 0 ? k >> 1 : lows + (k >> 1);
                    System.arraycopy(buf, offset + from * stride + x0, tmp, k * STRIP, w);
                }
                lift(tmp, height, w, parity, -1, 2, 2);
                lift(tmp, height, w, 1 - parity, 1, 1, 0);
                for (int k = 0; k < height; k++) {
                    System.arraycopy(tmp, k * STRIP, buf, offset + k * stride + x0, w);
                }
            }
        }
    }

    /**
     * For rows k = first, first + 2, ...: row_k += sign * ((row_{k-1} + row_{k+1} + rounding) >> shift), mirroring
     * missing neighbours at either end.
     */
    private static void lift(int[] t, int n, int w, int first, int sign, int shift, int rounding) {
        for (int k = first; k < n; k += 2) {
            int a = (k > 0 ? k - 1 : k + 1) * STRIP;
            int b = (k + 1 < n ? k + 1 : k - 1) * STRIP;
            int row = k * STRIP;
            if (sign > 0) {
                for (int j = 0; j < w; j++) {
                    t[row + j] += (t[a + j] + t[b + j] + rounding) >> shift;
                }
            } else {
                for (int j = 0; j < w; j++) {
                    t[row + j] -= (t[a + j] + t[b + j] + rounding) >> shift;
                }
            }
        }
    }
}
