package org.openahi.jpegls.markers;

import java.util.List;

/**
 * A JPEG-LS frame's structure: the frame header and its scans in order, each component coded by exactly one scan.
 *
 * @param frame         the frame header
 * @param scans         the scans, in the order they appear
 * @param customPresets an LSE segment set preset coding parameters (MAXVAL, thresholds or RESET)
 */
public record Codestream(FrameHeader frame, List<ScanHeader> scans, boolean customPresets) {
}
