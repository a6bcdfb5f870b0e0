package org.openahi.htj2k.colour;

/** The reversible colour transform over components 0, 1, 2 (T.800 G.2), in place on {@code n} samples. */
public final class Rct {

    private Rct() {}

    /** R, G, B to Y, Cb, Cr: Y = floor((R + 2G + B) / 4), Cb = B - G, Cr = R - G. */
    public static void forward(int[] r, int[] g, int[] b, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            int red = r[i];
            int green = g[i];
            int blue = b[i];
            r[i] = (red + 2 * green + blue) >> 2;
            g[i] = blue - green;
            b[i] = red - green;
        }
    }

    /** Y, Cb, Cr (in arrays 0, 1, 2) back to R, G, B. */
    public static void inverse(int[] y, int[] cb, int[] cr, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            int green = y[i] - ((cb[i] + cr[i]) >> 2);
            int red = cr[i] + green;
            int blue = cb[i] + green;
            y[i] = red;
            cb[i] = green;
            cr[i] = blue;
        }
    }
}
