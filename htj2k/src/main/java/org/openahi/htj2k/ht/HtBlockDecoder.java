package org.openahi.htj2k.ht;

import java.util.Arrays;
import org.openahi.htj2k.Htj2kException;

/**
 * Decodes one HT code-block: the cleanup pass and, when present, the SigProp and MagRef refinement passes of the
 * same HT set (T.814 clause 7). One instance owns its scratch buffers and is reused for every block; it is not
 * thread-safe.
 *
 * <p>Output values are two's complement. For a reversible transform they are the coefficients, with magnitudes
 * above a truncated bit-plane reconstructed at the middle of their interval; in half units (twice the value, so
 * that the middle of the interval at bit-plane 0 is representable) they are what an irreversible transform
 * dequantises.
 */
public final class HtBlockDecoder {

    /** Largest Scup (the length of the MEL and VLC streams) the standard allows. */
    private static final int MAX_SCUP = 4079;
    /** Largest magnitude a decoded sample may reach, in bits, including the bit-plane shift and the half bit. */
    private static final int MAX_BITS = 30;

    /** UVLC prefix by the next three stream bits: prefix value, prefix length, suffix length. */
    private static final int[] U_PREFIX = {5, 1, 2, 1, 3, 1, 2, 1};
    private static final int[] U_PREFIX_LENGTH = {3, 1, 2, 1, 3, 1, 2, 1};
    private static final int[] U_SUFFIX_LENGTH = {5, 0, 0, 0, 1, 0, 0, 0};

    private final ForwardReader magSgn = new ForwardReader();
    private final ReverseReader vlc = new ReverseReader();
    private final MelReader mel = new MelReader();
    private final ForwardReader sigProp = new ForwardReader();
    private final ReverseReader magRef = new ReverseReader();

    private int[] rhoAbove = new int[512 + 3];
    private int[] rhoHere = new int[512 + 3];
    private int[] expAbove = new int[1024 + 4];
    private int[] expHere = new int[1024 + 4];
    private final boolean[] cleanupSignificant = new boolean[4096];
    private final int[] fresh = new int[16];

    // Output of the quad being decoded, in the block's destination array.
    private int[] dst;
    private int dstStride;
    private int bitPlane;
    private boolean refining;
    private int finalShift;

    /**
     * Decodes a block of {@code width x height} samples into {@code out[outOffset + y * outStride + x]}.
     *
     * @param data             holds the cleanup segment at {@code offset}
     * @param cleanupLength    bytes of the cleanup segment (at least 2)
     * @param refinement       holds the SigProp and MagRef segment at {@code refinementOffset}
     * @param refinementLength bytes of that segment (0 when there is none)
     * @param refinementPasses 0, 1 (SigProp) or 2 (SigProp and MagRef)
     * @param bitPlane         the bit-plane the cleanup pass ends at; the refinement passes code the one below
     * @param causal           the vertically causal context mode of the code-block style
     * @param halfUnits        produce twice the values (irreversible transforms) instead of the values
     */
    public void decode(byte[] data, int offset, int cleanupLength, byte[] refinement, int refinementOffset,
                       int refinementLength, int refinementPasses, int bitPlane, boolean causal, boolean halfUnits,
                       int width, int height, int[] out, int outOffset, int outStride) throws Htj2kException {
        if (cleanupLength < 2) {
            throw new Htj2kException(0x0301, "HT cleanup segment of " + cleanupLength + " bytes is too short");
        }
        if (bitPlane < 0 || bitPlane >= MAX_BITS || (refinementPasses > 0 && bitPlane == 0)) {
            throw new Htj2kException(0x0302, "HT code-block bit-plane " + bitPlane + " with " + refinementPasses
                + " refinement passes is outside the 30 bits this decoder supports");
        }
        int scup = ((data[offset + cleanupLength - 1] & 0xFF) << 4) | (data[offset + cleanupLength - 2] & 0xF);
        if (scup < 2 || scup > cleanupLength || scup > MAX_SCUP) {
            throw new Htj2kException(0x0303, "HT cleanup segment has Scup " + scup + " for Lcup " + cleanupLength);
        }
        this.dst = out;
        this.dstStride = outStride;
        this.bitPlane = bitPlane;
        this.refining = refinementPasses > 0;
        this.finalShift = halfUnits ? 0 : 1;

        magSgn.init(data, offset, cleanupLength - scup, 0xFF);
        mel.init(data, offset, cleanupLength, scup);
        vlc.initVlc(data, offset, cleanupLength, scup);
        int quadsWide = (width + 1) >> 1;
        Arrays.fill(rhoAbove, 0, quadsWide + 3, 0);
        Arrays.fill(rhoHere, 0, quadsWide + 3, 0);
        Arrays.fill(expAbove, 0, width + 4, 0);
        Arrays.fill(expHere, 0, width + 4, 0);

        decodeFirstRow(outOffset, width, height, quadsWide);
        for (int y = 2; y < height; y += 2) {
            swapRows();
            decodeOtherRow(outOffset + y * outStride, width, height - y > 1, quadsWide);
        }
        if (refining) {
            refine(refinement, refinementOffset, refinementLength, refinementPasses, causal, width, height, out,
                outOffset, outStride);
        }
    }

    private void swapRows() {
        int[] t = rhoAbove;
        rhoAbove = rhoHere;
        rhoHere = t;
        t = expAbove;
        expAbove = expHere;
        expHere = t;
    }

    private void decodeFirstRow(int row, int width, int height, int quadsWide) throws Htj2kException {
        int context = 0;
        for (int q = 0; q < quadsWide; q += 2) {
            int t0 = VlcTables.DECODE_FIRST_ROW[(context << 7) | (vlc.peek() & 0x7F)];
            if (context == 0 && mel.next() == 0) {
                t0 = 0;
            }
            vlc.advance(t0 & 7);
            int rho0 = (t0 >> 4) & 0xF;
            context = (rho0 >> 1) | (rho0 & 1);

            int t1 = 0;
            boolean second = q + 1 < quadsWide;
            if (second) {
                t1 = VlcTables.DECODE_FIRST_ROW[(context << 7) | (vlc.peek() & 0x7F)];
                if (context == 0 && mel.next() == 0) {
                    t1 = 0;
                }
                vlc.advance(t1 & 7);
                int rho1 = (t1 >> 4) & 0xF;
                context = (rho1 >> 1) | (rho1 & 1);
            }

            // u of both quads; kappa is 1 in the first row.
            int u0 = 0;
            int u1 = 0;
            boolean off0 = (t0 & 8) != 0;
            boolean off1 = (t1 & 8) != 0;
            if (off0 && off1) {
                if (mel.next() == 1) {
                    int bits = vlc.peek();
                    int p0 = bits & 7;
                    bits >>>= U_PREFIX_LENGTH[p0];
                    int p1 = bits & 7;
                    int prefixBits = U_PREFIX_LENGTH[p0] + U_PREFIX_LENGTH[p1];
                    vlc.advance(prefixBits);
                    u0 = 2 + U_PREFIX[p0] + readBits(U_SUFFIX_LENGTH[p0]);
                    u1 = 2 + U_PREFIX[p1] + readBits(U_SUFFIX_LENGTH[p1]);
                    u0 += extension(u0 - 2);
                    u1 += extension(u1 - 2);
                } else {
                    int p0 = vlc.peek() & 7;
                    vlc.advance(U_PREFIX_LENGTH[p0]);
                    if (U_PREFIX[p0] > 2) {
                        u1 = 1 + readBits(1);
                        u0 = U_PREFIX[p0] + readBits(U_SUFFIX_LENGTH[p0]);
                        u0 += extension(u0);
                    } else {
                        int p1 = vlc.peek() & 7;
                        vlc.advance(U_PREFIX_LENGTH[p1]);
                        u0 = U_PREFIX[p0] + readBits(U_SUFFIX_LENGTH[p0]);
                        u1 = U_PREFIX[p1] + readBits(U_SUFFIX_LENGTH[p1]);
                        u0 += extension(u0);
                        u1 += extension(u1);
                    }
                }
            } else if (off0) {
                u0 = readU();
            } else if (off1) {
                u1 = readU();
            }

            decodeQuad(t0, u0 + 1, q, row, 2 * q, width, height > 1);
            if (second) {
                decodeQuad(t1, u1 + 1, q + 1, row, 2 * q + 2, width, height > 1);
            }
        }
    }

    private void decodeOtherRow(int row, int width, boolean twoRows, int quadsWide) throws Htj2kException {
        int left = 0;
        for (int q = 0; q < quadsWide; q += 2) {
            int context = context(q, left);
            int t0 = VlcTables.DECODE_OTHER_ROWS[(context << 7) | (vlc.peek() & 0x7F)];
            if (context == 0 && mel.next() == 0) {
                t0 = 0;
            }
            vlc.advance(t0 & 7);
            left = (t0 >> 4) & 0xF;

            int t1 = 0;
            boolean second = q + 1 < quadsWide;
            if (second) {
                context = context(q + 1, left);
                t1 = VlcTables.DECODE_OTHER_ROWS[(context << 7) | (vlc.peek() & 0x7F)];
                if (context == 0 && mel.next() == 0) {
                    t1 = 0;
                }
                vlc.advance(t1 & 7);
                left = (t1 >> 4) & 0xF;
            }

            int u0 = 0;
            int u1 = 0;
            boolean off0 = (t0 & 8) != 0;
            boolean off1 = (t1 & 8) != 0;
            if (off0 && off1) {
                int bits = vlc.peek();
                int p0 = bits & 7;
                bits >>>= U_PREFIX_LENGTH[p0];
                int p1 = bits & 7;
                vlc.advance(U_PREFIX_LENGTH[p0] + U_PREFIX_LENGTH[p1]);
                u0 = U_PREFIX[p0] + readBits(U_SUFFIX_LENGTH[p0]);
                u1 = U_PREFIX[p1] + readBits(U_SUFFIX_LENGTH[p1]);
                u0 += extension(u0);
                u1 += extension(u1);
            } else if (off0) {
                u0 = readU();
            } else if (off1) {
                u1 = readU();
            }

            decodeQuad(t0, u0 + kappa(q, t0), q, row, 2 * q, width, twoRows);
            if (second) {
                decodeQuad(t1, u1 + kappa(q + 1, t1), q + 1, row, 2 * q + 2, width, twoRows);
            }
        }
    }

    /** Context of quad {@code q} from the quads above (NW, N, NE) and the one to the left. */
    private int context(int q, int leftRho) {
        return (((rhoAbove[q + 1] >> 1) | (rhoAbove[q] >> 3)) & 1)
            | (((leftRho >> 2) | (leftRho >> 3)) & 1) << 1
            | (((rhoAbove[q + 1] >> 3) | (rhoAbove[q + 2] >> 1)) & 1) << 2;
    }

    /** The exponent predictor: 1, or the largest exponent above minus one when two or more samples are significant. */
    private int kappa(int q, int entry) {
        int rho = (entry >> 4) & 0xF;
        if ((rho & (rho - 1)) == 0) {
            return 1;
        }
        int x = 2 * q;
        int e = Math.max(Math.max(expAbove[x], expAbove[x + 1]), Math.max(expAbove[x + 2], expAbove[x + 3]));
        return Math.max(1, e - 1);
    }

    private int readU() {
        int p = vlc.peek() & 7;
        vlc.advance(U_PREFIX_LENGTH[p]);
        int u = U_PREFIX[p] + readBits(U_SUFFIX_LENGTH[p]);
        return u + extension(u);
    }

    /** A u above 32 carries four more bits, worth four each. */
    private int extension(int u) {
        return u > 32 ? 4 * readBits(4) : 0;
    }

    private int readBits(int n) {
        int v = vlc.peek() & ((1 << n) - 1);
        vlc.advance(n);
        return v;
    }

    /**
     * Decodes the magnitudes and signs of one quad whose top-left sample is column {@code x} and stores it, then
     * keeps what the next quad row needs.
     */
    private void decodeQuad(int entry, int bigU, int q, int row, int x, int width, boolean twoRows)
        throws Htj2kException {
        int valid = 1 | (twoRows ? 2 : 0);
        if (x + 1 < width) {
            valid |= valid << 2;
        }
        int rho = (entry >> 4) & valid;
        rhoHere[q + 1] = rho;
        int eBottomLeft = 0;
        int eBottomRight = 0;
        if (rho == 0) {
            store(row + x, 0, 0);
            if (twoRows) {
                store(row + dstStride + x, 0, 0);
            }
            if (x + 1 < width) {
                store(row + x + 1, 0, 0);
                if (twoRows) {
                    store(row + dstStride + x + 1, 0, 0);
                }
            }
        } else {
            if (bigU + bitPlane > MAX_BITS) {
                throw new Htj2kException(0x0304, "HT quad magnitude exponent " + bigU + " at bit-plane " + bitPlane
                    + " exceeds 30 bits");
            }
            int ek = entry >> 12;
            int e1 = (entry >> 8) & 0xF;
            sample(rho, 0, ek, e1, bigU, row + x);
            if (twoRows) {
                eBottomLeft = sample(rho, 1, ek, e1, bigU, row + dstStride + x);
            }
            if (x + 1 < width) {
                sample(rho, 2, ek, e1, bigU, row + x + 1);
                if (twoRows) {
                    eBottomRight = sample(rho, 3, ek, e1, bigU, row + dstStride + x + 1);
                }
            }
        }
        expHere[x + 1] = eBottomLeft;
        expHere[x + 2] = eBottomRight;
    }

    /** Decodes sample {@code i} of the quad into {@code dst[index]}; returns its exponent (0 if insignificant). */
    private int sample(int rho, int i, int ek, int e1, int bigU, int index) {
        if ((rho & (1 << i)) == 0) {
            store(index, 0, 0);
            return 0;
        }
        int m = bigU - ((ek >> i) & 1);
        int v = (magSgn.peek() & ((1 << m) - 1)) | (((e1 >> i) & 1) << m);
        magSgn.advance(m);
        // v = 2 * (magnitude - 1) + sign; twice the magnitude plus the half bit is (v | 1) + 2.
        store(index, v & 1, ((v | 1) + 2) << bitPlane);
        return 32 - Integer.numberOfLeadingZeros(v | 1);
    }

    /** Stores sign-magnitude while refinement passes follow, else the final two's complement value. */
    private void store(int index, int sign, int halfUnits) {
        if (refining) {
            dst[index] = (sign << 31) | halfUnits;
        } else {
            int value = halfUnits >> finalShift;
            dst[index] = sign != 0 ? -value : value;
        }
    }

    /** SigProp and MagRef one bit-plane below the cleanup pass, in stripes of four rows (T.814 clause 7.4, 7.5). */
    private void refine(byte[] data, int offset, int length, int passes, boolean causal, int width, int height,
                        int[] out, int base, int stride) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                cleanupSignificant[y * width + x] = out[base + y * stride + x] != 0;
            }
        }
        int half = 1 << (bitPlane - 1);
        sigProp.init(data, offset, length, 0);
        for (int y0 = 0; y0 < height; y0 += 4) {
            int y1 = Math.min(y0 + 4, height);
            for (int x0 = 0; x0 < width; x0 += 4) {
                int x1 = Math.min(x0 + 4, width);
                int found = 0;
                for (int x = x0; x < x1; x++) {
                    for (int y = y0; y < y1; y++) {
                        int index = base + y * stride + x;
                        if (out[index] != 0 || !hasSignificantNeighbour(out, base, stride, width, height, x, y,
                            causal ? y1 : height)) {
                            continue;
                        }
                        int bit = sigProp.peek() & 1;
                        sigProp.advance(1);
                        if (bit != 0) {
                            out[index] = 3 * half; // the middle of [2^(p-1), 2^p) in half units
                            fresh[found++] = index;
                        }
                    }
                }
                for (int i = 0; i < found; i++) {
                    int sign = sigProp.peek() & 1;
                    sigProp.advance(1);
                    out[fresh[i]] |= sign << 31;
                }
            }
        }
        if (passes > 1) {
            magRef.initMagRef(data, offset, length);
            for (int y0 = 0; y0 < height; y0 += 4) {
                int y1 = Math.min(y0 + 4, height);
                for (int x = 0; x < width; x++) {
                    for (int y = y0; y < y1; y++) {
                        if (cleanupSignificant[y * width + x]) {
                            int bit = magRef.peek() & 1;
                            magRef.advance(1);
                            int index = base + y * stride + x;
                            out[index] += bit != 0 ? half : -half;
                        }
                    }
                }
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int index = base + y * stride + x;
                int v = out[index];
                int value = (v & 0x7FFF_FFFF) >> finalShift;
                out[index] = v < 0 ? -value : value;
            }
        }
    }

    /** Any of the 8 neighbours significant now; rows from {@code rowLimit} on count as insignificant. */
    private static boolean hasSignificantNeighbour(int[] out, int base, int stride, int width, int height, int x,
                                                   int y, int rowLimit) {
        int yEnd = Math.min(y + 1, Math.min(height, rowLimit) - 1);
        for (int ny = Math.max(0, y - 1); ny <= yEnd; ny++) {
            for (int nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
                if ((nx != x || ny != y) && out[base + ny * stride + nx] != 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
