package org.openahi.jpegls.markers;

import org.openahi.jpegls.Interleave;

/**
 * One scan: the SOS marker segment with the coding parameters in force for it, and where its coded data lies.
 *
 * @param components       the frame components it codes, as indices in the SOF55 order (Ns of them, 1..4)
 * @param mappingTable     whether the SOS names a mapping table (Tm) for any of them
 * @param near             NEAR, 0 for lossless
 * @param interleave       ILV
 * @param parameters       the preset coding parameters resolved for this scan (defaults filled in)
 * @param restartInterval  lines between restart markers (DRI), 0 for none
 * @param dataStart        offset of the first byte of coded data, just after the SOS segment
 * @param dataEnd          offset of the marker that ends the scan (not counting RSTm markers inside it)
 */
public record ScanHeader(
        int[] components,
        boolean mappingTable,
        int near,
        Interleave interleave,
        PresetParameters parameters,
        int restartInterval,
        int dataStart,
        int dataEnd) {}
