package org.openahi.jpeg.colour;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * YCbCr to RGB as JFIF and T.871 define it and IJG computes it (jdcolor.c): 16-bit fixed-point factors, rounded,
 * results clamped to the sample range. The centre of Cb and Cr is half the range of IJG's sample type for the
 * precision (8, 12 or 16 bits), as in DCMTK, which picks its IJG build by precision; DCMTK's 16-bit build computes R
 * and B in floating point (its fixed point would overflow), and so does this class for 16 bits.
 */
final class YbrToRgb {

  private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final int SCALE_BITS = 16;
  private static final long HALF = 1L << (SCALE_BITS - 1);
  private static final long CR_R = fix(1.40200);
  private static final long CB_B = fix(1.77200);
  private static final long CR_G = fix(0.71414);
  private static final long CB_G = fix(0.34414);

  /** 8-bit results from -256 to 767 at index + 256, clamped. */
  private static final byte[] CLAMP8 = new byte[1024];

  static {
    for (int i = 0; i < CLAMP8.length; i++) {
      CLAMP8[i] = (byte) Math.clamp(i - 256, 0, 255);
    }
  }

  /** IJG's tables for 8- and 12-bit samples, built on first use. */
  private static final Tables[] TABLES = new Tables[17];

  /**
   * Per-Cr red and per-Cb blue offsets (rounded), per-Cb and per-Cr green terms (scaled, rounding half in Cb's), and
   * a clamp for results from -2^bits to 2^(bits+1).
   */
  private record Tables(int[] crR, int[] cbB, int[] cbG, int[] crG, short[] clamp, int clampOffset) {
  }

  private YbrToRgb() {
  }

  /** Converts {@code count} pixels of 8-bit lines into interleaved RGB bytes at {@code out[o]}. */
  static void toBytes(short[] y, int yo, short[] cb, int cbo, short[] cr, int cro, int count, byte[] out, int o) {
    Tables t = tables(8);
    int[] crR = t.crR;
    int[] cbB = t.cbB;
    int[] cbG = t.cbG;
    int[] crG = t.crG;
    byte[] clamp = CLAMP8;
    for (int i = 0; i < count; i++, o += 3) {
      int luma = (y[yo + i] & 0xFF) + 256;
      int b = cb[cbo + i] & 0xFF;
      int r = cr[cro + i] & 0xFF;
      out[o] = clamp[luma + crR[r]];
      out[o + 1] = clamp[luma + ((cbG[b] + crG[r]) >> SCALE_BITS)];
      out[o + 2] = clamp[luma + cbB[b]];
    }
  }

  /**
   * Converts {@code count} pixels of 12- or 16-bit lines into interleaved RGB, 2 bytes little-endian per sample, at
   * {@code out[o]}.
   *
   * @param sampleBits 12 for precisions 9 to 12, 16 above
   */
  static void toShorts(short[] y, int yo, short[] cb, int cbo, short[] cr, int cro, int count, int sampleBits,
                       byte[] out, int o) {
    if (sampleBits == 16) {
      for (int i = 0; i < count; i++, o += 6) {
        int luma = y[yo + i] & 0xFFFF;
        long b = (cb[cbo + i] & 0xFFFF) - 32768;
        long r = (cr[cro + i] & 0xFFFF) - 32768;
        SHORT_LE.set(out, o, (short) Math.clamp(luma + (int) (1.40200 * r + 0.5), 0, 0xFFFF));
        SHORT_LE.set(out, o + 2, (short) Math.clamp(luma + ((-CB_G * b + HALF - CR_G * r) >> SCALE_BITS), 0,
            0xFFFF));
        SHORT_LE.set(out, o + 4, (short) Math.clamp(luma + (int) (1.77200 * b + 0.5), 0, 0xFFFF));
      }
      return;
    }
    Tables t = tables(sampleBits);
    int mask = (1 << sampleBits) - 1;
    for (int i = 0; i < count; i++, o += 6) {
      int luma = (y[yo + i] & mask) + t.clampOffset;
      int b = cb[cbo + i] & mask;
      int r = cr[cro + i] & mask;
      SHORT_LE.set(out, o, t.clamp[luma + t.crR[r]]);
      SHORT_LE.set(out, o + 2, t.clamp[luma + ((t.cbG[b] + t.crG[r]) >> SCALE_BITS)]);
      SHORT_LE.set(out, o + 4, t.clamp[luma + t.cbB[b]]);
    }
  }

  private static synchronized Tables tables(int bits) {
    if (TABLES[bits] == null) {
      int size = 1 << bits;
      int center = size / 2;
      int[] crR = new int[size];
      int[] cbB = new int[size];
      int[] cbG = new int[size];
      int[] crG = new int[size];
      for (int i = 0; i < size; i++) {
        long x = i - center;
        crR[i] = (int) ((CR_R * x + HALF) >> SCALE_BITS);
        cbB[i] = (int) ((CB_B * x + HALF) >> SCALE_BITS);
        cbG[i] = (int) (-CB_G * x + HALF);
        crG[i] = (int) (-CR_G * x);
      }
      short[] clamp = new short[4 * size];
      for (int i = 0; i < clamp.length; i++) {
        clamp[i] = (short) Math.clamp(i - size, 0, size - 1);
      }
      TABLES[bits] = new Tables(crR, cbB, cbG, crG, clamp, size);
    }
    return TABLES[bits];
  }

  private static long fix(double x) {
    return (long) (x * (1L << SCALE_BITS) + 0.5);
  }
}
