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

    private static final int[] UVLC_PREFIX = new int[33];
    private static final int[] UVLC_PREFIX_LENGTH = new int[33];
    private static final int[] UVLC_SUFFIX = new int[33];
    private static final int[] UVLC_SUFFIX_LENGTH = new int[33];

    static {
        // u = 1: "1", 2: "01", 3 and 4: "001" + 1 bit, 5..36: "000" + 5 bits (stream order, LSB first here).
        int[] prefix = {0, 1, 2, 4, 4};
        int[] prefixLength = {0, 1, 2, 3, 3};
        for (int u = 0; u <= 32; u++) {
            UVLC_PREFIX[u] = u < 5 ? prefix[u] : 0;
            UVLC_PREFIX_LENGTH[u] = u < 5 ? prefixLength[u] : 3;
            UVLC_SUFFIX[u] = u < 3 ? 0 : u < 5 ? u - 3 : u - 5;
            UVLC_SUFFIX_LENGTH[u] = u < 3 ? 0 : u < 5 ? 1 : 5;
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

    // The quad being coded: significance, per-sample exponents and the values v = 2 * (magnitude - 1) + sign.
    private int rho;
    private int maxExp;
    private final int[] exps = new int[4];
    private final int[] values = new int[4];

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

        codeFirstRow(coefficients, offset, stride, width, height, quadsWide);
        for (int y = 2; y < height; y += 2) {
            swapRows();
            codeOtherRow(coefficients, offset + y * stride, stride, width, height - y > 1, quadsWide);
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

    /** The row just coded becomes the row above; sentinels outside the block stay zero in both. */
    private void swapRows() {
        int[] t = rhoAbove;
        rhoAbove = rhoHere;
        rhoHere = t;
        t = expAbove;
        expAbove = expHere;
        expHere = t;
    }

    private void codeFirstRow(int[] c, int row, int stride, int width, int height, int quadsWide) {
        boolean twoRows = height > 1;
        int context = 0;
        for (int q = 0; q < quadsWide; q += 2) {
            loadQuad(c, row, stride, 2 * q, width, twoRows);
            int rho0 = rho;
            int u0 = Math.max(maxExp, 1) - 1; // kappa is 1 in the first row
            int emb0 = u0 > 0 ? emb() : 0;
            int code0 = VlcTables.ENCODE_FIRST_ROW[(context << 8) | (rho0 << 4) | emb0];
            vlc.encode(code0 >>> 8, (code0 >> 4) & 7);
            if (context == 0) {
                mel.encode(rho0 != 0);
            }
            writeMagSgn(u0 + 1, code0);
            noteQuad(q, 2 * q);

            int u1 = 0;
            if (q + 1 < quadsWide) {
                context = (rho0 >> 1) | (rho0 & 1);
                loadQuad(c, row, stride, 2 * q + 2, width, twoRows);
                int rho1 = rho;
                u1 = Math.max(maxExp, 1) - 1;
                int emb1 = u1 > 0 ? emb() : 0;
                int code1 = VlcTables.ENCODE_FIRST_ROW[(context << 8) | (rho1 << 4) | emb1];
                vlc.encode(code1 >>> 8, (code1 >> 4) & 7);
                if (context == 0) {
                    mel.encode(rho1 != 0);
                }
                writeMagSgn(u1 + 1, code1);
                noteQuad(q + 1, 2 * q + 2);
                context = (rho1 >> 1) | (rho1 & 1);
            }

            // In the first row both u are coded together; when both are positive a MEL event says if both exceed 2.
            if (u0 > 0 && u1 > 0) {
                mel.encode(Math.min(u0, u1) > 2);
            }
            if (u0 > 2 && u1 > 2) {
                vlc.encode(UVLC_PREFIX[u0 - 2], UVLC_PREFIX_LENGTH[u0 - 2]);
                vlc.encode(UVLC_PREFIX[u1 - 2], UVLC_PREFIX_LENGTH[u1 - 2]);
                vlc.encode(UVLC_SUFFIX[u0 - 2], UVLC_SUFFIX_LENGTH[u0 - 2]);
                vlc.encode(UVLC_SUFFIX[u1 - 2], UVLC_SUFFIX_LENGTH[u1 - 2]);
            } else if (u0 > 2 && u1 > 0) {
                vlc.encode(UVLC_PREFIX[u0], UVLC_PREFIX_LENGTH[u0]);
                vlc.encode(u1 - 1, 1);
                vlc.encode(UVLC_SUFFIX[u0], UVLC_SUFFIX_LENGTH[u0]);
            } else {
                encodeUPair(u0, u1);
            }
        }
    }

    private void codeOtherRow(int[] c, int row, int stride, int width, boolean twoRows, int quadsWide) {
        int left = 0;
        for (int q = 0; q < quadsWide; q += 2) {
            loadQuad(c, row, stride, 2 * q, width, twoRows);
            int rho0 = rho;
            int u0 = codeOtherQuad(q, left, rho0);
            left = rho0;

            int u1 = 0;
            if (q + 1 < quadsWide) {
                loadQuad(c, row, stride, 2 * q + 2, width, twoRows);
                int rho1 = rho;
                u1 = codeOtherQuad(q + 1, left, rho1);
                left = rho1;
            }
            encodeUPair(u0, u1);
        }
    }

    /** Codes the loaded quad {@code q} of a non-initial row and returns its u (the UVLC is coded per pair). */
    private int codeOtherQuad(int q, int leftRho, int rhoQ) {
        // Context from the quads above (NW, N, NE) and the quad to the left, as in T.814 clause 7.3.5.
        int context = (((rhoAbove[q + 1] >> 1) | (rhoAbove[q] >> 3)) & 1)
                | (((leftRho >> 2) | (leftRho >> 3)) & 1) << 1
                | (((rhoAbove[q + 1] >> 3) | (rhoAbove[q + 2] >> 1)) & 1) << 2;
        int kappa = 1;
        if (Integer.bitCount(rhoQ) > 1) {
            int x = 2 * q; // expAbove is shifted by one so that column -1 is index 0
            int e = Math.max(Math.max(expAbove[x], expAbove[x + 1]), Math.max(expAbove[x + 2], expAbove[x + 3]));
            kappa = Math.max(1, e - 1);
        }
        int bigU = Math.max(maxExp, kappa);
        int u = bigU - kappa;
        int emb = u > 0 ? emb() : 0;
        int code = VlcTables.ENCODE_OTHER_ROWS[(context << 8) | (rhoQ << 4) | emb];
        vlc.encode(code >>> 8, (code >> 4) & 7);
        if (context == 0) {
            mel.encode(rhoQ != 0);
        }
        writeMagSgn(bigU, code);
        noteQuad(q, 2 * q);
        return u;
    }

    private void encodeUPair(int u0, int u1) {
        vlc.encode(UVLC_PREFIX[u0], UVLC_PREFIX_LENGTH[u0]);
        vlc.encode(UVLC_PREFIX[u1], UVLC_PREFIX_LENGTH[u1]);
        vlc.encode(UVLC_SUFFIX[u0], UVLC_SUFFIX_LENGTH[u0]);
        vlc.encode(UVLC_SUFFIX[u1], UVLC_SUFFIX_LENGTH[u1]);
    }

    /** Reads the quad whose top-left sample is column {@code x} of {@code row}; samples outside count as zero. */
    private void loadQuad(int[] c, int row, int stride, int x, int width, boolean twoRows) {
        rho = 0;
        maxExp = 0;
        loadSample(0, c[row + x]);
        if (twoRows) {
            loadSample(1, c[row + stride + x]);
        } else {
            clearSample(1);
        }
        if (x + 1 < width) {
            loadSample(2, c[row + x + 1]);
            if (twoRows) {
                loadSample(3, c[row + stride + x + 1]);
            } else {
                clearSample(3);
            }
        } else {
            clearSample(2);
            clearSample(3);
        }
    }

    private void loadSample(int i, int coefficient) {
        int magnitude = Math.abs(coefficient);
        if (magnitude == 0) {
            clearSample(i);
            return;
        }
        int e = 32 - Integer.numberOfLeadingZeros(2 * magnitude - 1);
        exps[i] = e;
        values[i] = 2 * (magnitude - 1) + (coefficient >>> 31);
        rho |= 1 << i;
        maxExp = Math.max(maxExp, e);
    }

    private void clearSample(int i) {
        exps[i] = 0;
        values[i] = 0;
    }

    private int emb() {
        int emb = 0;
        for (int i = 0; i < 4; i++) {
            if (exps[i] == maxExp) {
                emb |= 1 << i;
            }
        }
        return emb;
    }

    /** Each significant sample sends bigU magnitude-and-sign bits, one fewer when e_k says its top bit is known. */
    private void writeMagSgn(int bigU, int code) {
        for (int i = 0; i < 4; i++) {
            if ((rho & (1 << i)) != 0) {
                int m = bigU - ((code >> i) & 1);
                magSgn.encode(values[i], m);
            }
        }
    }

    /** Keeps what the next quad row needs: this quad's rho and its bottom samples' exponents. */
    private void noteQuad(int q, int x) {
        rhoHere[q + 1] = rho;
        expHere[x + 1] = exps[1];
        expHere[x + 2] = exps[3];
    }

    private int terminate(byte[] out, int outOffset) {
        mel.finishRun();
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
        int vlcMask = 0xFF >> (8 - vlc.usedBits);
        if ((melMask | vlcMask) == 0) {
            return mel.pos;
        }
        int fused = melTmp | vlc.tmp;
        if ((((fused ^ melTmp) & melMask) | ((fused ^ vlc.tmp) & vlcMask)) == 0 && fused != 0xFF && vlc.pos > 1) {
            mel.buf[mel.pos++] = (byte) fused;
        } else {
            mel.buf[mel.pos++] = (byte) melTmp;
            vlc.buf[vlc.pos++] = (byte) vlc.tmp;
        }
        return mel.pos;
    }
}
