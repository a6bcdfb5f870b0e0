package org.openahi.jpegls.markers;

import org.openahi.jpegls.JpegLsException;

/**
 * The JPEG-LS preset coding parameters (T.87 C.2.4.1.1): MAXVAL, the gradient thresholds T1, T2, T3 and RESET. As an
 * LSE marker segment carries them a value of 0 means "the default"; {@link #resolve} turns them into the values a
 * scan codes with.
 *
 * @param maxValue   MAXVAL, the largest sample value
 * @param threshold1 T1
 * @param threshold2 T2
 * @param threshold3 T3
 * @param reset      RESET, the count at which context statistics are halved
 */
public record PresetParameters(int maxValue, int threshold1, int threshold2, int threshold3, int reset) {

    /** No LSE segment: every parameter takes its default. */
    public static final PresetParameters UNSPECIFIED = new PresetParameters(0, 0, 0, 0, 0);

    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;
    private static final int DEFAULT_RESET = 64;

    /**
     * The parameters a scan of {@code precision}-bit samples with the given NEAR codes with: defaults in place of
     * zeros (C.2.4.1.1.1), each value checked against the ranges of Table C.1. {@code offset} is where the LSE segment
     * (or, without one, the scan) starts, for the error.
     */
    public PresetParameters resolve(int precision, int near, long offset) throws JpegLsException {
        int largest = (1 << precision) - 1;
        if (maxValue != 0 && maxValue > largest) {
            throw new JpegLsException(
                    0x0101, "LSE MAXVAL " + maxValue + " is larger than " + precision + "-bit samples allow", offset);
        }
        int maxVal = maxValue != 0 ? maxValue : largest;
        if (near > Math.min(255, maxVal / 2)) {
            throw new JpegLsException(0x0102, "NEAR " + near + " is larger than MAXVAL " + maxVal + " allows", offset);
        }
        PresetParameters defaults = defaults(maxVal, near);
        int t1 = threshold1 != 0 ? threshold1 : defaults.threshold1;
        if (t1 < near + 1 || t1 > maxVal) {
            throw new JpegLsException(
                    0x0103, "threshold T1 " + t1 + " is outside " + (near + 1) + ".." + maxVal, offset);
        }
        int t2 = threshold2 != 0 ? threshold2 : defaults.threshold2;
        if (t2 < t1 || t2 > maxVal) {
            throw new JpegLsException(0x0104, "threshold T2 " + t2 + " is outside T1.." + maxVal, offset);
        }
        int t3 = threshold3 != 0 ? threshold3 : defaults.threshold3;
        if (t3 < t2 || t3 > maxVal) {
            throw new JpegLsException(0x0105, "threshold T3 " + t3 + " is outside T2.." + maxVal, offset);
        }
        int r = reset != 0 ? reset : DEFAULT_RESET;
        if (r < 3 || r > Math.max(255, maxVal)) {
            throw new JpegLsException(0x0106, "RESET " + r + " is outside 3.." + Math.max(255, maxVal), offset);
        }
        return new PresetParameters(maxVal, t1, t2, t3, r);
    }

    /** The default thresholds for MAXVAL and NEAR (C.2.4.1.1.1) and the default RESET. */
    static PresetParameters defaults(int maxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
        }
        return new PresetParameters(maxVal, t1, t2, t3, DEFAULT_RESET);
    }

    /** CLAMP of Figure C.3: {@code i}, unless it is above MAXVAL or below {@code j}, then {@code j}. */
    private static int clamp(int i, int j, int maxVal) {
        return i > maxVal || i < j ? j : i;
    }
}
