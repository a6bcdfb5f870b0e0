package org.openahi.jpeg.colour;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * YCbCr to RGB as JFIF and T.871 define it and IJG computes it (jdcolor.c): 16-bit fixed-point factors in tables,
 * rounded, results clamped to the sample range. The centre of Cb and Cr is half the range of IJG's sample type for
 * the precision (8, 12 or 16 bits), as in DCMTK, which picks its IJG build by precision; DCMTK's 16-bit build
 * computes R and B in floating point (its fixed point would overflow), and so does this class for 16 bits.
 */
final class YbrToRgb {

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SCALE_BITS = 16;
    private static final long HALF = 1L << (SCALE_BITS - 1);
    private static final long CR_R = fix(1.40200);
    private static final long CB_B = fix(1.77200);
    private static final long CR_G = fix(0.71414);
    private static final long CB_G = fix(0.34414);

    // 8-bit tables (static final, so the JIT knows their lengths): Cr's red and Cb's blue offsets, Cb's and Cr's
    // scaled green terms (the rounding half in Cb's), and a clamp for results -384..639 at index + 384.
    private static final int[] CR_R8 = redOrBlue(8, CR_R);
    private static final int[] CB_B8 = redOrBlue(8, CB_B);
    private static final int[] CB_G8 = green(8, CB_G, HALF);
    private static final int[] CR_G8 = green(8, CR_G, 0);
    private static final byte[] CLAMP8 = new byte[1024];

    static {
        for (int i = 0; i < CLAMP8.length; i++) {
            CLAMP8[i] = (byte) Math.clamp(i - 384, 0, 255);
        }
    }

    /** The 12-bit tables, built when first needed. */
    private static final class Twelve {
        static final int[] CR_R12 = redOrBlue(12, CR_R);
        static final int[] CB_B12 = redOrBlue(12, CB_B);
        static final int[] CB_G12 = green(12, CB_G, HALF);
        static final int[] CR_G12 = green(12, CR_G, 0);
    }

    private YbrToRgb() {}

    /** Converts {@code count} pixels of 8-bit lines into interleaved RGB bytes at {@code out[o]}. */
    static void toBytes(short[] y, int yo, short[] cb, int cbo, short[] cr, int cro, int count, byte[] out, int o) {
        for (int i = 0; i < count; i++, o += 3) {
            int luma = (y[yo + i] & 0xFF) + 384;
            int b = cb[cbo + i] & 0xFF;
            int r = cr[cro + i] & 0xFF;
            out[o] = CLAMP8[(luma + CR_R8[r]) & 1023];
            out[o + 1] = CLAMP8[(luma + ((CB_G8[b] + CR_G8[r]) >> SCALE_BITS)) & 1023];
            out[o + 2] = CLAMP8[(luma + CB_B8[b]) & 1023];
        }
    }

    /**
     * Converts {@code count} pixels of 12- or 16-bit lines into interleaved RGB, 2 bytes little-endian per sample, at
     * {@code out[o]}.
     *
     * @param sampleBits 12 for precisions 9 to 12, 16 above
     */
    static void toShorts(
            short[] y, int yo, short[] cb, int cbo, short[] cr, int cro, int count, int sampleBits, byte[] out, int o) {
        for (int i = 0; i < count; i++, o += 6) {
            int luma;
            int red;
            int green;
            int blue;
            if (sampleBits == 16) {
                luma = y[yo + i] & 0xFFFF;
                long b = (cb[cbo + i] & 0xFFFF) - 32768;
                long r = (cr[cro + i] & 0xFFFF) - 32768;
                red = (int) (1.40200 * r + 0.5);
                green = (int) ((-CB_G * b + HALF - CR_G * r) >> SCALE_BITS);
                blue = (int) (1.77200 * b + 0.5);
            } else {
                luma = y[yo + i] & 0xFFF;
                int b = cb[cbo + i] & 0xFFF;
                int r = cr[cro + i] & 0xFFF;
                red = Twelve.CR_R12[r];
                green = (Twelve.CB_G12[b] + Twelve.CR_G12[r]) >> SCALE_BITS;
                blue = Twelve.CB_B12[b];
            }
            int max = (1 << sampleBits) - 1;
            SHORT_LE.set(out, o, (short) Math.clamp(luma + red, 0, max));
            SHORT_LE.set(out, o + 2, (short) Math.clamp(luma + green, 0, max));
            SHORT_LE.set(out, o + 4, (short) Math.clamp(luma + blue, 0, max));
        }
    }

    /** IJG's Cr_r_tab / Cb_b_tab: the rounded offset for each sample value. */
    private static int[] redOrBlue(int bits, long factor) {
        int[] t = new int[1 << bits];
        for (int i = 0; i < t.length; i++) {
            t[i] = (int) ((factor * (i - t.length / 2) + HALF) >> SCALE_BITS);
        }
        return t;
    }

    /** IJG's Cb_g_tab / Cr_g_tab: the negated scaled term, plus {@code add}. */
    private static int[] green(int bits, long factor, long add) {
        int[] t = new int[1 << bits];
        for (int i = 0; i < t.length; i++) {
            t[i] = (int) (-factor * (i - t.length / 2) + add);
        }
        return t;
    }

    private static long fix(double x) {
        return (long) (x * (1L << SCALE_BITS) + 0.5);
    }
}
