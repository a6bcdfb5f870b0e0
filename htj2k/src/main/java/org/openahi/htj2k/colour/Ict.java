package org.openahi.htj2k.colour;

/** The irreversible colour transform, inverse only (T.800 G.3), in place on {@code n} samples. */
public final class Ict {

    private Ict() {
    }

    /** Y, Cb, Cr (in arrays 0, 1, 2) back to R, G, B. */
    public static void inverse(float[] y, float[] cb, float[] cr, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            float lum = y[i];
            float blue = cb[i];
            float red = cr[i];
            y[i] = lum + 1.402f * red;
            cb[i] = lum - 0.344136f * blue - 0.714136f * red;
            cr[i] = lum + 1.772f * blue;
        }
    }
}
