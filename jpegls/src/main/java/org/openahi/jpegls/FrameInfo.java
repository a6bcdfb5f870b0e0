package org.openahi.jpegls;

/**
 * What a JPEG-LS frame's marker segments say about the image and how it is coded.
 *
 * @param width           samples per line (X)
 * @param height          lines (Y)
 * @param components      number of components (Nf)
 * @param bitDepth        sample precision P, 2..16
 * @param near            the largest NEAR of the frame's scans: 0 when every scan is lossless
 * @param interleave      the interleave mode of the first scan
 * @param scans           number of scans
 * @param customPresets   a scan codes with preset coding parameters (MAXVAL, thresholds, RESET) other than the defaults
 * @param restartInterval lines between restart markers in the first scan, 0 for none
 * @param mappingTable    a scan names a mapping table (palette); the decoded samples are the coded ones, not mapped
 */
public record FrameInfo(
        int width,
        int height,
        int components,
        int bitDepth,
        int near,
        Interleave interleave,
        int scans,
        boolean customPresets,
        int restartInterval,
        boolean mappingTable) {

    /** Whether every scan is lossless (NEAR = 0): the samples are the encoder's input. */
    public boolean lossless() {
        return near == 0;
    }

    /** Bytes per sample in the raw layout: 1 up to 8 bits, else 2. */
    public int bytesPerSample() {
        return bitDepth > 8 ? 2 : 1;
    }
}
