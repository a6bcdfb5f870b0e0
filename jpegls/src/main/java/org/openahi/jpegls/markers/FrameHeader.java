package org.openahi.jpegls.markers;

/**
 * The frame as the SOF55 marker segment declares it, with the dimensions an LSE oversize-dimension segment or a DNL
 * segment gave when SOF55 left them 0.
 *
 * @param precision  P, bits per sample (2..16)
 * @param width      X, samples per line
 * @param height     Y, lines
 * @param components Nf, the number of components; the scans refer to them by their index in the SOF55 order
 */
public record FrameHeader(int precision, int width, int height, int components) {

    /** Samples in the whole frame, width x height x components. */
    public long samples() {
        return (long) width * height * components;
    }
}
