package org.openahi.htj2k.dwt;

/**
 * Bounded-input bounded-output gains of the 5/3 analysis filters cascaded over decomposition levels: the sum of
 * absolute taps of the equivalent filter, i.e. the most a level can grow a signal's magnitude. An encoder sizes
 * each subband's bit-planes from them (T.800 E.1: guard bits plus epsilon_b).
 */
public final class BiboGains {

    private static final double[] LOW = {-1 / 8.0, 2 / 8.0, 6 / 8.0, 2 / 8.0, -1 / 8.0};
    private static final double[] HIGH = {-1 / 2.0, 1, -1 / 2.0};

    private BiboGains() {}

    /** Gain of the low-pass filter applied {@code levels} times (1 for none). */
    public static double low(int levels) {
        return sumAbs(lowCascade(levels));
    }

    /** Gain of the high-pass filter after {@code levels} low-pass levels. */
    public static double high(int levels) {
        return sumAbs(convolve(lowCascade(levels), upsample(HIGH, 1 << levels)));
    }

    /** The low-pass filter applied {@code levels} times, each at the previous level's sample spacing. */
    private static double[] lowCascade(int levels) {
        double[] f = {1};
        for (int l = 0; l < levels; l++) {
            f = convolve(f, upsample(LOW, 1 << l));
        }
        return f;
    }

    private static double[] upsample(double[] taps, int factor) {
        double[] out = new double[(taps.length - 1) * factor + 1];
        for (int i = 0; i < taps.length; i++) {
            out[i * factor] = taps[i];
        }
        return out;
    }

    private static double[] convolve(double[] a, double[] b) {
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        return out;
    }

    private static double sumAbs(double[] f) {
        double s = 0;
        for (double v : f) {
            s += Math.abs(v);
        }
        return s;
    }
}
