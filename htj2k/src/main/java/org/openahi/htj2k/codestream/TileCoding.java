package org.openahi.htj2k.codestream;

import java.util.List;

/**
 * The coding parameters in force for one tile, after tile-part headers override the main header (T.800 A.6:
 * tile COC over tile COD over main COC over main COD; the same for QCC and QCD).
 *
 * @param progression 0 LRCP, 1 RLCP, 2 RPCL, 3 PCRL, 4 CPRL
 * @param layers      number of quality layers
 * @param mct         the multiple component transform is on (RCT or ICT over components 0..2)
 * @param sop         packets may start with SOP markers
 * @param eph         packet headers end with EPH markers
 * @param styles      coding style per component
 * @param quantization quantization per component
 * @param changes     progression changes (POC) of the tile, or of the main header when the tile has none
 * @param roiShifts   region of interest max-shift per component (RGN, T.800 Annex H), 0 without
 */
public record TileCoding(
        int progression,
        int layers,
        boolean mct,
        boolean sop,
        boolean eph,
        List<CodingStyle> styles,
        List<Quantization> quantization,
        List<ProgressionChange> changes,
        int[] roiShifts) {}
