package org.openahi.jpegls.markers;

import java.util.List;

/**
 * A JPEG-LS frame's structure: the frame header and its scans in order, each component coded by exactly one scan.
 *
 * @param frame         the frame header
 * @param scans         the scans, in the order they appear
 * @param customPresets a scan codes with preset coding parameters other than the defaults (from an LSE segment)
 */
public record Codestream(FrameHeader frame, List<ScanHeader> scans, boolean customPresets) {}
