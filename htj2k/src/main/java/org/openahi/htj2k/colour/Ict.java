package org.openahi.htj2k.colour;

/**
 * The irreversible colour transform, inverse only (T.800 G.3), in place on {@code n} samples, in single precision.
 * The coefficients come from the luma weights 0.299, 0.587 and 0.114 rather than from the rounded decimals of the
 * standard's table, and the terms are summed in the order OpenJPH uses, so that lossy images decode bit-exact with
 * it.
 */
public final class Ict {

    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;
    private static final float CB_TO_GREEN = (float) (2.0 * BLUE * (1.0 - BLUE) / GREEN);
    private static final float CR_TO_GREEN = (float) (2.0 * RED * (1.0 - RED) / GREEN);
    private static final float CB_TO_BLUE = (float) (2.0 * (1.0 - BLUE));
    private static final float CR_TO_RED = (float) (2.0 * (1.0 - RED));

    private Ict() {}

    /**
     * Y, Cb, Cr back to R, G, B with the rounded coefficients of T.800 Table G.2 (1.402, 0.34413, 0.71414, 1.772)
     * and the order of operations of OpenJPEG 2.5, which Part 1 images decode bit-exact with.
     */
    public static void inverseOpenJpeg(float[] y, float[] cb, float[] cr, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            float lum = y[i];
            float u = cb[i];
            float v = cr[i];
            y[i] = lum + v * 1.402f;
            cb[i] = lum - u * 0.34413f - v * 0.71414f;
            cr[i] = lum + u * 1.772f;
        }
    }

    /** Y, Cb, Cr (in arrays 0, 1, 2) back to R, G, B. */
    public static void inverse(float[] y, float[] cb, float[] cr, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            float lum = y[i];
            float blue = cb[i];
            float red = cr[i];
            y[i] = lum + CR_TO_RED * red;
            cb[i] = lum - CR_TO_GREEN * red - CB_TO_GREEN * blue;
            cr[i] = lum + CB_TO_BLUE * blue;
        }
    }
}
