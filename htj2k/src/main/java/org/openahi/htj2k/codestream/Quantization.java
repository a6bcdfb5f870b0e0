package org.openahi.htj2k.codestream;

/**
 * Quantization of one tile-component, from QCD and QCC (T.800 A.6.4, A.6.5, E.1).
 *
 * @param style     0 no quantization (reversible), 1 scalar derived, 2 scalar expounded
 * @param guardBits number of guard bits G
 * @param exponents epsilon per subband, in the order LL, then HL, LH, HH from the lowest resolution up
 * @param mantissas mu per subband (11 bits; unused when style is 0)
 */
public record Quantization(int style, int guardBits, int[] exponents, int[] mantissas) {

    public static final int NONE = 0;
    public static final int DERIVED = 1;
    public static final int EXPOUNDED = 2;

    /** Exponent epsilon of subband {@code index}; the derived style scales the LL one by the level (E-5). */
    public int exponent(int index, int levels) {
        if (style == DERIVED) {
            int level = index == 0 ? levels : levels - (index - 1) / 3;
            return exponents[0] - levels + level;
        }
        return exponents[index];
    }

    /** Magnitude bit-planes M_b of subband {@code index} (T.800 E-2): G + epsilon_b - 1. */
    public int magnitudeBits(int index, int levels) {
        return magnitudeBitsOf(guardBits, exponent(index, levels));
    }

    /** M_b for {@code guardBits} and an exponent epsilon_b, as an encoder chooses them. */
    public static int magnitudeBitsOf(int guardBits, int exponent) {
        return guardBits + exponent - 1;
    }

    public int mantissa(int index) {
        return style == DERIVED ? mantissas[0] : mantissas[index];
    }

    /** Subbands described: 1 for the derived style, else one per subband. */
    public int count() {
        return exponents.length;
    }
}
