package org.openahi.jpeg;

/**
 * What a JPEG frame's headers say, read without decoding it: the frame header, the first scan header and the
 * application markers that tell the colour space (T.872 for Adobe's APP14).
 *
 * @param width           samples per line
 * @param height          lines
 * @param components      number of components
 * @param precision       sample precision in bits (8 or 12 for DCT, 2 to 16 for lossless)
 * @param process         the coding process
 * @param sampling        sampling factors HxV of each component, e.g. {@code 2x1,1x1,1x1}
 * @param predictor       lossless: the first scan's predictor selection value (1 to 7); 0 otherwise
 * @param pointTransform  lossless: the first scan's point transform Pt; 0 otherwise
 * @param restartInterval MCUs per restart interval in force at the first scan, 0 when there are no restarts
 * @param jfif            an APP0 JFIF marker is present (its components are YCbCr when there are three)
 * @param adobeTransform  the colour transform flag of an APP14 Adobe marker (0 none, 1 YCbCr, 2 YCCK), -1 absent
 */
public record JpegInfo(
        int width,
        int height,
        int components,
        int precision,
        JpegProcess process,
        String sampling,
        int predictor,
        int pointTransform,
        int restartInterval,
        boolean jfif,
        int adobeTransform) {

    /** Bytes per decoded sample in the native layout: 1 up to 8 bits, else 2. */
    public int bytesPerSample() {
        return precision > 8 ? 2 : 1;
    }

    /** Samples of the decoded image, width x height x components. */
    public long samples() {
        return (long) width * height * components;
    }
}
