package org.openahi.htj2k.codestream;

/**
 * How one tile-component is coded, from COD and COC (T.800 A.6.1, A.6.2; T.814 for the HT block style).
 *
 * @param levels     number of wavelet decomposition levels, 0..32
 * @param xcb        code-block width exponent (the width is 2^xcb)
 * @param ycb        code-block height exponent
 * @param blockStyle code-block style byte (0x40 = HT, 0x08 = vertically causal context)
 * @param reversible true for the 5/3 integer wavelet, false for 9/7
 * @param ppx        precinct width exponent per resolution (15 when the COD gives no precinct sizes)
 * @param ppy        precinct height exponent per resolution
 */
public record CodingStyle(int levels, int xcb, int ycb, int blockStyle, boolean reversible, int[] ppx, int[] ppy) {

    public static final int STYLE_VERTICALLY_CAUSAL = 0x08;
    public static final int STYLE_HT = 0x40;
    public static final int STYLE_HT_MIXED = 0x80;

    public boolean ht() {
        return (blockStyle & STYLE_HT) != 0;
    }

    public boolean mixed() {
        return (blockStyle & STYLE_HT_MIXED) != 0;
    }

    public boolean verticallyCausal() {
        return (blockStyle & STYLE_VERTICALLY_CAUSAL) != 0;
    }
}
