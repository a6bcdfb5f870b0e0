package org.openahi.htj2k.ht;

import java.util.Arrays;

/**
 * Codes one code-block with the HT cleanup pass only, down to bit-plane 0 (T.814 clause 7): every magnitude bit is
 * coded, so the result is lossless and needs no refinement passes.
 *
 * <p>Quads are 2x2 samples; a quad row covers two sample rows and quads are coded in pairs. Per quad the VLC stream
 * carries the significance pattern rho and the exponent bound, the MEL stream says whether quads without
 * significant neighbours are significant, and MagSgn carries the magnitude and sign bits. One instance owns its
 * scratch buffers and is reused for every block; it is not thread-safe.
 */
public final class HtBlockEncoder {

    /** Largest code-block this encoder accepts, in samples (T.800: xcb + ycb at most 12). */
    public static final int MAX_SAMPLES = 4096;
    /** Largest magnitude a coefficient may have: 29 bits, the most {@link HtBlockDecoder} reads back. */
    public static final int MAX_MAGNITUDE = (1 << 29) - 1;
    /** Upper bound of a coded block, in bytes. */
    public static final int MAX_CODED_BYTES = 20_000 + 2_048 + 3_072;

    /**
     * The UVLC code of a pair of u (each 0 to 32) as the stream carries it, both prefixes then both suffixes:
     * {@code UVLC_PAIR[u0 * 33 + u1] = bits << 5 | length}.
     */
    private static final int[] UVLC_PAIR = new int[33 * 33];
    /** Length of the UVLC prefix of u. */
    private static final int[] UVLC_PREFIX_LENGTH = new int[33];

    static {
        // u = 1: "1", 2: "01", 3 and 4: "001" + 1 bit, 5..36: "000" + 5 bits (stream order, LSB first here).
        int[] prefix = new int[33];
        int[] prefixLength = new int[33];
        int[] suffix = new int[33];
        int[] suffixLength = new int[33];
        for (int u = 0; u <= 32; u++) {
            prefix[u] = u < 5 ? new int[] {0, 1, 2, 4, 4}[u] : 0;
            prefixLength[u] = u < 5 ? new int[] {0, 1, 2, 3, 3}[u] : 3;
            UVLC_PREFIX_LENGTH[u] = prefixLength[u];
            suffix[u] = u < 3 ? 0 : u < 5 ? u - 3 : u - 5;
            suffixLength[u] = u < 3 ? 0 : u < 5 ? 1 : 5;
        }
        for (int u0 = 0; u0 <= 32; u0++) {
            for (int u1 = 0; u1 <= 32; u1++) {
                int bits = prefix[u0];
                int length = prefixLength[u0];
                bits |= prefix[u1] << length;
                length += prefixLength[u1];
                bits |= suffix[u0] << length;
                length += suffixLength[u0];
                bits |= suffix[u1] << length;
                length += suffixLength[u1];
                UVLC_PAIR[u0 * 33 + u1] = bits << 5 | length;
            }
        }
    }

    private final MelWriter mel = new MelWriter(2048);
    private final VlcWriter vlc = new VlcWriter(3072);
    private final MagSgnWriter magSgn = new MagSgnWriter(20_000);

    // Per quad row: rho of each quad (with a zero on either side) and the exponent E of each bottom-row sample.
    private int[] rhoAbove = new int[512 + 3];
    private int[] rhoHere = new int[512 + 3];
    private int[] expAbove = new int[1024 + 4];
    private int[] expHere = new int[1024 + 4];
    /** A block of odd width or height, copied with a zero column and row added so that every quad is whole. */
    private int[] padded = new int[0];

    /**
     * Codes the block of {@code width x height} coefficients at {@code coefficients[offset + y * stride + x]} into
     * {@code out} at {@code outOffset} (room for {@link #MAX_CODED_BYTES} needed).
     *
     * @return the length of the cleanup segment, or 0 when every coefficient is zero (the block is not included)
     */
    public int encode(int[] coefficients, int offset, int stride, int width, int height, byte[] out, int outOffset) {
        if (width < 1 || height < 1 || width > 1024 || height > 1024 || width * height > MAX_SAMPLES) {
            throw new IllegalArgumentException("code-block of " + width + "x" + height + " samples");
        }
        if (allZero(coefficients, offset, stride, width, height)) {
            return 0;
        }
        mel.reset();
        vlc.reset();
        magSgn.reset();
        int quadsWide = (width + 1) >> 1;
        Arrays.fill(rhoAbove, 0, quadsWide + 3, 0);
        Arrays.fill(rhoHere, 0, quadsWide + 3, 0);
        Arrays.fill(expAbove, 0, width + 4, 0);
        Arrays.fill(expHere, 0, width + 4, 0);

        int[] c = coefficients;
        int start = offset;
        int rowStride = stride;
        if (((width | height) & 1) != 0) {
            rowStride = 2 * quadsWide;
            c = pad(coefficients, offset, stride, width, height, rowStride);
            start = 0;
        }
        codeRow(c, start, rowStride, quadsWide, true);
        for (int y = 2; y < height; y += 2) {
            swapRows();
            codeRow(c, start + y * rowStride, rowStride, quadsWide, false);
        }
        return terminate(out, outOffset);
    }

    private static boolean allZero(int[] c, int offset, int stride, int width, int height) {
        for (int y = 0; y < height; y++) {
            int row = offset + y * stride;
            for (int x = 0; x < width; x++) {
                int v = c[row + x];
                if (v != 0) {
                    if (v > MAX_MAGNITUDE || v < -MAX_MAGNITUDE) {
                        throw new IllegalArgumentException("coefficient " + v + " needs more than 29 bits");
                    }
                    return false;
                }
            }
        }
        return true;
    }

    /** The block copied into {@link #padded} rows of {@code rowStride}, zeros after its last column and row. */
    private int[] pad(int[] c, int offset, int stride, int width, int height, int rowStride) {
        int size = rowStride * (height + (height & 1));
        if (padded.length < size) {
            padded = new int[size];
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(c, offset + y * stride, padded, y * rowStride, width);
            if (rowStride > width) {
                padded[y * rowStride + width] = 0;
            }
        }
        if ((height & 1) != 0) {
            Arrays.fill(padded, height * rowStride, size, 0);
        }
        return padded;
    }

    /** The row just coded becomes the row above; sentinels outside the block stay zero in both. */
    private void swapRows() {
        int[] t = rhoAbove;
        rhoAbove = rhoHere;
        rhoHere = t;
        t = expAbove;
        expAbove = expHere;
        expHere = t;
    }

    /**
     * What the coding of a quad needs of its four samples (top-left, bottom-left, top-right, bottom-right):
     * {@code rho | emb << 4 | E_max << 8 | E_bottom-left << 16 | E_bottom-right << 24}, where emb marks the samples
     * whose exponent is E_max.
     */
    private static int quad(int a0, int a1, int a2, int a3) {
        int m0 = Math.abs(a0);
        int m1 = Math.abs(a1);
        int m2 = Math.abs(a2);
        int m3 = Math.abs(a3);
        int e0 = exponent(m0);
        int e1 = exponent(m1);
        int e2 = exponent(m2);
        int e3 = exponent(m3);
        int max = Math.max(Math.max(e0, e1), Math.max(e2, e3));
        int rho = (-m0 >>> 31) | (-m1 >>> 31) << 1 | (-m2 >>> 31) << 2 | (-m3 >>> 31) << 3;
        int emb = (e0 == max ? 1 : 0) | (e1 == max ? 2 : 0) | (e2 == max ? 4 : 0) | (e3 == max ? 8 : 0);
        return rho | emb << 4 | max << 8 | e1 << 16 | e3 << 24;
    }

    /** E of a magnitude: its bit length after the sign is folded in, 0 for 0. */
    private static int exponent(int magnitude) {
        return (32 - Integer.numberOfLeadingZeros(2 * magnitude - 1)) & (-magnitude >> 31);
    }

    /** The MagSgn value of a significant coefficient: 2 * (magnitude - 1) + sign. */
    private static int value(int coefficient) {
        return (Math.abs(coefficient) - 1) << 1 | coefficient >>> 31;
    }

    /**
     * Codes one quad row, quads in pairs. The first row differs from the others in its contexts (from the quad to
     * the left only), its kappa (1) and its code for the pair's u; a test of {@code first} per quad costs less than
     * a second copy of the loop.
     */
    private void codeRow(int[] c, int row, int stride, int quadsWide, boolean first) {
        int[] table = first ? VlcTables.ENCODE_FIRST_ROW : VlcTables.ENCODE_OTHER_ROWS;
        int left = 0; // rho of the quad to the left
        int pending = 0; // the first quad of the pair, coded but for its VLC bits
        for (int q = 0; q < quadsWide; q++) {
            int x = row + 2 * q;
            int a0 = c[x];
            int a1 = c[x + stride];
            int a2 = c[x + 1];
            int a3 = c[x + stride + 1];
            int quad = quad(a0, a1, a2, a3);
            int rho = quad & 0xF;
            int context;
            int kappa = 1;
            if (first) {
                context = (left >> 1) | (left & 1);
            } else {
                // From the quads above (NW, N, NE) and the quad to the left, as in T.814 clause 7.3.5.
                context = (((rhoAbove[q + 1] >> 1) | (rhoAbove[q] >> 3)) & 1)
                        | (((left >> 2) | (left >> 3)) & 1) << 1
                        | (((rhoAbove[q + 1] >> 3) | (rhoAbove[q + 2] >> 1)) & 1) << 2;
                // kappa is 1 for a quad of one significant sample, else from the largest E above it, less 1
                int e = 2 * q; // expAbove is shifted by one so that column -1 is index 0
                int above =
                        Math.max(Math.max(expAbove[e], expAbove[e + 1]), Math.max(expAbove[e + 2], expAbove[e + 3]));
                kappa = 1 + (Math.max(0, above - 2) & (-(rho & (rho - 1)) >> 31));
            }
            left = rho;
            int bigU = Math.max((quad >> 8) & 0xFF, kappa);
            int u = bigU - kappa;
            int code = table[(context << 8) | (rho << 4) | (u > 0 ? (quad >> 4) & 0xF : 0)];
            if (context == 0) {
                mel.encode(rho != 0);
            }
            if (rho != 0) {
                writeMagSgn(rho, bigU, code, a0, a1, a2, a3);
            }
            rhoHere[q + 1] = rho;
            expHere[2 * q + 1] = (quad >> 16) & 0xFF;
            expHere[2 * q + 2] = quad >>> 24;
            int coded = (code >>> 8) << 8 | ((code >> 4) & 7) << 5 | u;
            if ((q & 1) == 0) {
                pending = coded;
            } else {
                writePair(pending, coded, first);
            }
        }
        if ((quadsWide & 1) != 0) {
            writePair(pending, 0, first);
        }
    }

    /**
     * The VLC bits of a quad pair, each quad given as {@code codeword << 8 | codeword length << 5 | u}: both
     * codewords, then the pair's u. In the first row, when both u are positive, a MEL event says whether both exceed
     * 2, and the code of u changes with it.
     */
    private void writePair(int codedA, int codedB, boolean first) {
        int u0 = codedA & 31;
        int u1 = codedB & 31;
        int uvlc;
        if (!first) {
            uvlc = UVLC_PAIR[u0 * 33 + u1];
        } else {
            if (u0 > 0 && u1 > 0) {
                mel.encode(Math.min(u0, u1) > 2);
            }
            if (u0 > 2 && u1 > 2) {
                uvlc = UVLC_PAIR[(u0 - 2) * 33 + u1 - 2];
            } else if (u0 > 2 && u1 > 0) {
                // u0's prefix, then u1 - 1 in one bit, then u0's suffix
                int alone = UVLC_PAIR[u0 * 33];
                int prefixLength = UVLC_PREFIX_LENGTH[u0];
                int bits = alone >>> 5;
                int prefix = bits & ((1 << prefixLength) - 1);
                int suffix = bits >>> prefixLength;
                uvlc = (prefix | (u1 - 1) << prefixLength | suffix << (prefixLength + 1)) << 5 | ((alone & 31) + 1);
            } else {
                uvlc = UVLC_PAIR[u0 * 33 + u1];
            }
        }
        int lengthA = (codedA >> 5) & 7;
        int lengthB = (codedB >> 5) & 7;
        long bits = (codedA >>> 8) | (codedB >>> 8) << lengthA | (long) (uvlc >>> 5) << (lengthA + lengthB);
        vlc.encode(bits, lengthA + lengthB + (uvlc & 31));
    }

    /**
     * U magnitude and sign bits of each significant sample, one fewer where e_k says its top bit is known; in one
     * write when the four fit 32 bits, as they do where magnitudes are small.
     */
    private void writeMagSgn(int rho, int bigU, int code, int a0, int a1, int a2, int a3) {
        int m0 = (bigU - (code & 1)) & -(rho & 1);
        int m1 = (bigU - ((code >> 1) & 1)) & -((rho >> 1) & 1);
        int m2 = (bigU - ((code >> 2) & 1)) & -((rho >> 2) & 1);
        int m3 = (bigU - ((code >> 3) & 1)) & -((rho >> 3) & 1);
        if (bigU <= 8) {
            long bits = value(a0) & ((1L << m0) - 1);
            int at = m0;
            bits |= (value(a1) & ((1L << m1) - 1)) << at;
            at += m1;
            bits |= (value(a2) & ((1L << m2) - 1)) << at;
            at += m2;
            bits |= (value(a3) & ((1L << m3) - 1)) << at;
            magSgn.encode(bits, at + m3);
        } else {
            magSgn.encode(value(a0) & ((1L << m0) - 1), m0);
            magSgn.encode(value(a1) & ((1L << m1) - 1), m1);
            magSgn.encode(value(a2) & ((1L << m2) - 1), m2);
            magSgn.encode(value(a3) & ((1L << m3) - 1), m3);
        }
    }

    private int terminate(byte[] out, int outOffset) {
        mel.finishRun();
        vlc.flush();
        int melBytes = fuseMelAndVlc();
        magSgn.terminate();
        int msBytes = magSgn.pos;
        int vlcBytes = vlc.pos;
        System.arraycopy(magSgn.buf, 0, out, outOffset, msBytes);
        System.arraycopy(mel.buf, 0, out, outOffset + msBytes, melBytes);
        int end = outOffset + msBytes + melBytes + vlcBytes;
        for (int i = 0; i < vlcBytes; i++) {
            out[end - 1 - i] = vlc.buf[i];
        }
        // Scup, the length of MEL + VLC, goes into the last byte and the low nibble of the one before.
        int scup = melBytes + vlcBytes;
        out[end - 1] = (byte) (scup >> 4);
        out[end - 2] = (byte) ((out[end - 2] & 0xF0) | (scup & 0xF));
        return end - outOffset;
    }

    /** Flushes MEL and VLC, sharing one byte between them when their bits do not overlap. */
    private int fuseMelAndVlc() {
        int melTmp = (mel.tmp << mel.remainingBits) & 0xFF;
        int melMask = (0xFF << mel.remainingBits) & 0xFF;
        int vlcTmp = vlc.tmp();
        int vlcMask = 0xFF >> (8 - vlc.usedBits());
        if ((melMask | vlcMask) == 0) {
            return mel.pos;
        }
        int fused = melTmp | vlcTmp;
        if ((((fused ^ melTmp) & melMask) | ((fused ^ vlcTmp) & vlcMask)) == 0 && fused != 0xFF && vlc.pos > 1) {
            mel.buf[mel.pos++] = (byte) fused;
        } else {
            mel.buf[mel.pos++] = (byte) melTmp;
            vlc.buf[vlc.pos++] = (byte) vlcTmp;
        }
        return mel.pos;
    }
}
