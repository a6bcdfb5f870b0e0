package org.openahi.htj2k.ht;

import java.util.Arrays;
import org.openahi.htj2k.Htj2kException;

/**
 * Decodes one HT code-block: the cleanup pass and, when present, the SigProp and MagRef refinement passes of the
 * same HT set (T.814 clause 7). One instance owns its scratch buffers and is reused for every block; it is not
 * thread-safe.
 *
 * <p>The cleanup pass goes a quad row at a time in two steps: the VLC, MEL and UVLC streams give each quad its
 * significance pattern, exponent bounds and u; then the MagSgn stream gives the significant samples' magnitudes and
 * signs, with the exponent predictor taken from the row above.
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

    /** UVLC prefix by the next three stream bits: prefix value, prefix length, suffix length (T.814 Table 3). */
    private static final int[] U_PREFIX = {5, 1, 2, 1, 3, 1, 2, 1};

    private static final int[] U_PREFIX_LENGTH = {3, 1, 2, 1, 3, 1, 2, 1};
    private static final int[] U_SUFFIX_LENGTH = {5, 0, 0, 0, 1, 0, 0, 0};

    /**
     * UVLC of a quad pair outside the first row, by which quads have u_off set (mode 1, 2, 3) and the next 6 stream
     * bits: both prefixes' length | suffix length of quad 0 << 3 | of quad 1 << 6 | prefix value 0 << 9 | 1 << 12 |
     * the length of all four (prefixes and suffixes) << 15, which the next look-up waits for.
     */
    private static final int[] PAIR_UVLC = new int[4 << 6];

    static {
        for (int mode = 1; mode < 4; mode++) {
            for (int bits = 0; bits < 64; bits++) {
                int p0 = (mode & 1) != 0 ? bits & 7 : -1;
                int rest = p0 >= 0 ? bits >> U_PREFIX_LENGTH[p0] : bits;
                int p1 = (mode & 2) != 0 ? rest & 7 : -1;
                int length = (p0 >= 0 ? U_PREFIX_LENGTH[p0] : 0) + (p1 >= 0 ? U_PREFIX_LENGTH[p1] : 0);
                int s0 = p0 >= 0 ? U_SUFFIX_LENGTH[p0] : 0;
                int s1 = p1 >= 0 ? U_SUFFIX_LENGTH[p1] : 0;
                int u0 = p0 >= 0 ? U_PREFIX[p0] : 0;
                int u1 = p1 >= 0 ? U_PREFIX[p1] : 0;
                PAIR_UVLC[mode << 6 | bits] =
                        length | s0 << 3 | s1 << 6 | u0 << 9 | u1 << 12 | (length + s0 + s1) << 15;
            }
        }
    }

    /** Per rho (or e_k) of a quad, 0xFF in byte i when bit i is set. */
    private static final int[] SIGNIFICANT_BYTES = new int[16];

    static {
        for (int rho = 0; rho < 16; rho++) {
            for (int i = 0; i < 4; i++) {
                SIGNIFICANT_BYTES[rho] |= ((rho >> i) & 1) * 0xFF << (8 * i);
            }
        }
    }

    private final ForwardReader magSgn = new ForwardReader();
    private final ReverseReader vlc = new ReverseReader();
    private final MelReader mel = new MelReader();
    private final ForwardReader sigProp = new ForwardReader();
    private final ReverseReader magRef = new ReverseReader();

    /** Per quad of the row being decoded: its VLC entry (rho limited to samples inside the block) | u << 16. */
    private final int[] quads = new int[512];
    // Per quad row: rho of each quad and the exponents of its bottom-left and bottom-right samples, with zeros
    // either side, and for the row below, per quad, its context bits from above (1: N or NW, 4: NE or NF) | the
    // largest exponent above (T.814 clause 7.3.5 and 7.3.7) << 3.
    private final int[] rhoRow = new int[512 + 3];
    private final int[] expLeft = new int[512 + 2];
    private final int[] expRight = new int[512 + 2];
    private final int[] above = new int[512 + 3];
    private final boolean[] cleanupSignificant = new boolean[4096];
    private final int[] fresh = new int[16];
    /** What {@link #wideQuad} found: the four sample values, then the bottom-left and bottom-right exponents. */
    private final int[] wide = new int[6];

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
    public void decode(
            byte[] data,
            int offset,
            int cleanupLength,
            byte[] refinement,
            int refinementOffset,
            int refinementLength,
            int refinementPasses,
            int bitPlane,
            boolean causal,
            boolean halfUnits,
            int width,
            int height,
            int[] out,
            int outOffset,
            int outStride)
            throws Htj2kException {
        if (cleanupLength < 2) {
            throw new Htj2kException(0x0301, "HT cleanup segment of " + cleanupLength + " bytes is too short");
        }
        if (bitPlane < 0 || bitPlane >= MAX_BITS || (refinementPasses > 0 && bitPlane == 0)) {
            throw new Htj2kException(
                    0x0302,
                    "HT code-block bit-plane " + bitPlane + " with " + refinementPasses
                            + " refinement passes is outside the 30 bits this decoder supports");
        }
        int scup = ((data[offset + cleanupLength - 1] & 0xFF) << 4) | (data[offset + cleanupLength - 2] & 0xF);
        if (scup < 2 || scup > cleanupLength || scup > MAX_SCUP) {
            throw new Htj2kException(0x0303, "HT cleanup segment has Scup " + scup + " for Lcup " + cleanupLength);
        }
        this.bitPlane = bitPlane;
        this.refining = refinementPasses > 0;
        this.finalShift = halfUnits ? 0 : 1;

        magSgn.init(data, offset, cleanupLength - scup, 0xFF);
        mel.init(data, offset, cleanupLength, scup);
        vlc.initVlc(data, offset, cleanupLength, scup);
        int quadsWide = (width + 1) >> 1;
        Arrays.fill(rhoRow, 0, quadsWide + 3, 0);
        Arrays.fill(expLeft, 0, quadsWide + 2, 0);
        Arrays.fill(expRight, 0, quadsWide + 2, 0);

        boolean wholeQuads = !refining && (width & 1) == 0;
        vlcFirstRow(width, height > 1, quadsWide);
        if (wholeQuads && height > 1) {
            magSgnWholeQuads(out, outOffset, outStride, quadsWide, true);
        } else {
            magSgnRow(out, outOffset, outStride, width, height > 1, quadsWide, true);
        }
        for (int y = 2; y < height; y += 2) {
            summariseRow(quadsWide);
            boolean twoRows = height - y > 1;
            vlcOtherRow(width, twoRows, quadsWide);
            if (wholeQuads && twoRows) {
                magSgnWholeQuads(out, outOffset + y * outStride, outStride, quadsWide, false);
            } else {
                magSgnRow(out, outOffset + y * outStride, outStride, width, twoRows, quadsWide, false);
            }
        }
        if (refining) {
            refine(
                    refinement,
                    refinementOffset,
                    refinementLength,
                    refinementPasses,
                    causal,
                    width,
                    height,
                    out,
                    outOffset,
                    outStride);
        }
    }

    /**
     * Turns the quad row just decoded into what each quad of the next row needs from above: the largest exponent of
     * the four samples above it, then its context bits. Two loops of one step each, which C2 vectorises (it does not
     * vectorise them as one).
     */
    private void summariseRow(int quadsWide) {
        int[] rho = rhoRow;
        int[] left = expLeft;
        int[] right = expRight;
        int[] context = above;
        for (int q = 0; q < quadsWide; q++) {
            context[q] = Math.max(Math.max(right[q], left[q + 1]), Math.max(right[q + 1], left[q + 2])) << 3;
        }
        for (int q = 0; q < quadsWide; q++) {
            int here = rho[q + 1];
            context[q] |= ((here >> 1) | (rho[q] >> 3)) & 1 | (((here >> 3) | (rho[q + 2] >> 1)) & 1) << 2;
        }
    }

    /** Keeps quad {@code q}'s entry, with rho limited to the samples inside the block, and its u. */
    private void keep(int q, int entry, int u, int width, boolean twoRows) {
        int rho = (entry >> 4) & (twoRows ? 0xF : 0x5) & (2 * q + 1 < width ? 0xF : 0x3);
        rhoRow[q + 1] = rho;
        quads[q] = (entry & 0xFF0F) | rho << 4 | u << 16;
    }

    private void vlcFirstRow(int width, boolean twoRows, int quadsWide) {
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

            // u of both quads; when both have u_off a MEL event says whether both exceed 2 (T.814 clause 7.3.6).
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
                    vlc.advance(U_PREFIX_LENGTH[p0] + U_PREFIX_LENGTH[p1]);
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
            keep(q, t0, u0, width, twoRows);
            if (second) {
                keep(q + 1, t1, u1, width, twoRows);
            }
        }
    }

    private void vlcOtherRow(int width, boolean twoRows, int quadsWide) {
        int left = 0; // context bit 1 of the next quad from the one to its left, shifted to its place in the index
        int rowMask = twoRows ? 0xF : 0x5;
        int[] context = above;
        int[] rho = rhoRow;
        int[] info = quads;
        ReverseReader reader = vlc;
        byte[] buf = reader.buf;
        int fastLimit = reader.fastLimit;
        long acc = reader.acc;
        int count = reader.count;
        int pos = reader.pos;
        int q = 0;
        for (; q + 1 < quadsWide; q += 2) {
            // the reader's refill in line, with no test of the bits held (ReverseReader explains why this holds)
            long word;
            if (pos >= fastLimit && !ReverseReader.hasSevenOnes(word = ReverseReader.fastRefill(buf, pos))) {
                acc |= word << count;
                pos -= (63 - count) >> 3;
                count |= 56;
            } else {
                reader.acc = acc;
                reader.count = count;
                reader.pos = pos;
                reader.refillBytes();
                acc = reader.acc;
                count = reader.count;
                pos = reader.pos;
            }
            // One look at the stream serves the pair: two codewords (7 bits each at most), two UVLC prefixes (6)
            // and suffixes (10) are at most 30 of the more than 48 bits held; only the rare extension reads again.
            int bits = (int) acc;
            int ctx = (context[q] & 5) << 7 | left;
            int t0 = VlcTables.DECODE_OTHER_ROWS[ctx | (bits & 0x7F)];
            if (ctx == 0 && mel.next() == 0) {
                t0 = 0;
            }
            int used = t0 & 7;
            ctx = (context[q + 1] & 5) << 7 | t0 >>> 23;
            int t1 = VlcTables.DECODE_OTHER_ROWS[ctx | ((bits >>> used) & 0x7F)];
            if (ctx == 0 && mel.next() == 0) {
                t1 = 0;
            }
            used += t1 & 7;
            left = t1 >>> 23;
            // no test of the mode: its entries for quads without u_off (mode 0) are all zero, which leaves u0 and
            // u1 at 0 and reads no bits, and a branch on it is mispredicted where u_off comes and goes
            int mode = (t0 >> 3 & 1) | (t1 >> 2 & 2);
            int code = PAIR_UVLC[mode << 6 | ((bits >>> used) & 0x3F)];
            int prefixes = code & 7;
            int s0 = (code >> 3) & 7;
            int s1 = (code >> 6) & 7;
            int suffixes = (bits >>> (used + prefixes)) & ((1 << (s0 + s1)) - 1);
            used += code >>> 15;
            int u0 = ((code >> 9) & 7) + (suffixes & ((1 << s0) - 1));
            int u1 = ((code >> 12) & 7) + (suffixes >>> s0);
            if (u0 > 32 || u1 > 32) {
                reader.acc = acc >>> used;
                reader.count = count - used;
                reader.pos = pos;
                used = 0;
                u0 += extension(u0);
                u1 += extension(u1);
                acc = reader.acc;
                count = reader.count;
                pos = reader.pos;
            }
            acc >>>= used;
            count -= used;
            int rho0 = (t0 >> 4) & rowMask;
            int rho1 = (t1 >> 4) & rowMask;
            rho[q + 1] = rho0;
            rho[q + 2] = rho1;
            info[q] = (t0 & 0xFF0F) | rho0 << 4 | u0 << 16;
            info[q + 1] = (t1 & 0xFF0F) | rho1 << 4 | u1 << 16;
        }
        reader.acc = acc;
        reader.count = count;
        reader.pos = pos;
        if (q < quadsWide) {
            // the last quad of an odd number
            int ctx = (context[q] & 5) << 7 | left;
            int t0 = VlcTables.DECODE_OTHER_ROWS[ctx | (vlc.peek() & 0x7F)];
            if (ctx == 0 && mel.next() == 0) {
                t0 = 0;
            }
            vlc.advance(t0 & 7);
            int u0 = (t0 & 8) != 0 ? readU() : 0;
            int rho0 = (t0 >> 4) & rowMask;
            rho[q + 1] = rho0;
            info[q] = (t0 & 0xFF0F) | rho0 << 4 | u0 << 16;
        }
        if ((width & 1) != 0) {
            // the last quad's right column lies outside the block
            int last = quadsWide - 1;
            int limited = rho[last + 1] & 0x3;
            rho[last + 1] = limited;
            info[last] = (info[last] & ~0xF0) | limited << 4;
        }
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
     * Decodes the magnitudes and signs of a quad row from the MagSgn stream and stores the samples: U = u + kappa,
     * each significant sample sends U bits (one fewer when e_k says its top bit is e_1), which make
     * v = 2 * (magnitude - 1) + sign. Keeps the bottom samples' exponents for the row below.
     */
    private void magSgnRow(int[] out, int row, int stride, int width, boolean twoRows, int quadsWide, boolean first)
            throws Htj2kException {
        ForwardReader ms = magSgn;
        long acc = ms.acc;
        int count = ms.count;
        int below = row + stride;
        int p = bitPlane;
        for (int q = 0; q < quadsWide; q++) {
            int info = quads[q];
            int rho = (info >> 4) & 0xF;
            int x = 2 * q;
            boolean right = x + 1 < width;
            // Branch-light on purpose: in sparse images insignificant quads and samples come unpredictably.
            int kappa = first || (rho & (rho - 1)) == 0 ? 1 : Math.max(1, (above[q] >> 3) - 1);
            int bigU = (info >>> 16) + kappa;
            if (bigU + p > MAX_BITS && rho != 0) {
                throw exponentTooLarge(bigU, p);
            }
            int ek = (info >> 12) & rho;
            int e1 = (info >> 8) & rho;
            int s0;
            int s1;
            int s2;
            int s3;
            int bottomLeft;
            int bottomRight;
            // A sample takes at most U bits; one refill leaves more than 48 in the accumulator, so a quad whose
            // samples fit is read from it with no further checks (unrolled: this is the decoder's hottest loop).
            // An insignificant sample reads 0 bits and yields 0.
            int need = Integer.bitCount(rho) * bigU;
            if (count < need) {
                ms.acc = acc;
                ms.count = count;
                ms.refill();
                acc = ms.acc;
                count = ms.count;
            }
            if (count < need) {
                ms.acc = acc;
                ms.count = count;
                wideQuad(rho, ek, e1, bigU, p, false);
                acc = ms.acc;
                count = ms.count;
                s0 = wide[0];
                s1 = wide[1];
                s2 = wide[2];
                s3 = wide[3];
                bottomLeft = wide[4];
                bottomRight = wide[5];
            } else {
                int sig = -(rho & 1);
                int m = (bigU - (ek & 1)) & sig;
                s0 = value((int) acc & ((1 << m) - 1) | (e1 & 1) << m, p) & sig;
                acc >>>= m;
                count -= m;
                sig = -(rho >> 1 & 1);
                m = (bigU - (ek >> 1 & 1)) & sig;
                int v = (int) acc & ((1 << m) - 1) | (e1 >> 1 & 1) << m;
                acc >>>= m;
                count -= m;
                s1 = value(v, p) & sig;
                bottomLeft = (32 - Integer.numberOfLeadingZeros(v | 1)) & sig;
                sig = -(rho >> 2 & 1);
                m = (bigU - (ek >> 2 & 1)) & sig;
                s2 = value((int) acc & ((1 << m) - 1) | (e1 >> 2 & 1) << m, p) & sig;
                acc >>>= m;
                count -= m;
                sig = -(rho >> 3 & 1);
                m = (bigU - (ek >> 3 & 1)) & sig;
                v = (int) acc & ((1 << m) - 1) | (e1 >> 3 & 1) << m;
                acc >>>= m;
                count -= m;
                s3 = value(v, p) & sig;
                bottomRight = (32 - Integer.numberOfLeadingZeros(v | 1)) & sig;
            }
            out[row + x] = s0;
            expLeft[q + 1] = bottomLeft;
            expRight[q + 1] = bottomRight;
            if (twoRows) {
                out[below + x] = s1;
            }
            if (right) {
                out[row + x + 1] = s2;
                if (twoRows) {
                    out[below + x + 1] = s3;
                }
            }
        }
        ms.acc = acc;
        ms.count = count;
    }

    private static Htj2kException exponentTooLarge(int bigU, int p) {
        return new Htj2kException(
                0x0304, "HT quad magnitude exponent " + bigU + " at bit-plane " + p + " exceeds 30 bits");
    }

    /**
     * {@link #magSgnRow} for the usual row: whole quads (two rows, even width) and no refinement pass to follow, so
     * no edge tests and each sample's v stored as soon as it is read, then turned into its signed magnitude by a
     * loop over the two rows ({@link #signedMagnitudes}), scaled when bit-planes are missing or half units are
     * asked for ({@link #scaleMagnitudes}).
     *
     * <p>A quad's four sample lengths are computed at once, a byte each (U less e_k for a significant sample, 0
     * for an insignificant one); an insignificant sample reads 0 bits and is given v = -2, which the conversion
     * (v >> 1) + 1, negated when bit 0 is set, turns into 0 and the exponent, the bit length of v | 1 modulo 32,
     * too, so that no sample needs a test or a mask of its own.
     */
    private void magSgnWholeQuads(int[] out, int row, int stride, int quadsWide, boolean first) throws Htj2kException {
        ForwardReader ms = magSgn;
        byte[] buf = ms.buf;
        int pos = ms.pos;
        int fastLimit = ms.fastLimit;
        long acc = ms.acc;
        int count = ms.count;
        int p = bitPlane;
        int[] info = quads;
        int[] left = expLeft;
        int[] right = expRight;
        int[] context = above;
        for (int q = 0, x = row; q < quadsWide; q++, x += 2) {
            int quad = info[q];
            int rho = (quad >> 4) & 0xF;
            if (rho == 0) {
                // all four insignificant: in runs, where an image has background
                out[x] = -2;
                out[x + stride] = -2;
                out[x + 1] = -2;
                out[x + stride + 1] = -2;
                left[q + 1] = 0;
                right[q + 1] = 0;
                continue;
            }
            int kappa = first || (rho & (rho - 1)) == 0 ? 1 : Math.max(1, (context[q] >> 3) - 1);
            int bigU = (quad >>> 16) + kappa;
            if (bigU + p > MAX_BITS) {
                throw exponentTooLarge(bigU, p);
            }
            int significant = SIGNIFICANT_BYTES[rho];
            int lengths = (bigU * 0x01010101 - (SIGNIFICANT_BYTES[(quad >> 12) & rho] & 0x01010101)) & significant;
            // per sample, the bit above its U bits: e_1 for a significant sample, -2 for an insignificant one
            int tops = SIGNIFICANT_BYTES[(quad >> 8) & rho] & 0x01010101 | ~significant & 0xFEFEFEFE;
            int need = (lengths * 0x01010101) >>> 24;
            // the reader's refill in line, with no test of the bits held (ForwardReader explains why this holds)
            long word;
            if (pos <= fastLimit && !ForwardReader.hasFFByte(word = ForwardReader.fastRefill(buf, pos))) {
                acc |= word << count;
                pos += (63 - count) >> 3;
                count |= 56;
            } else {
                ms.acc = acc;
                ms.count = count;
                ms.pos = pos;
                ms.refillBytes();
                acc = ms.acc;
                count = ms.count;
                pos = ms.pos;
                fastLimit = ms.fastLimit;
            }
            if (count < need) {
                ms.acc = acc;
                ms.count = count;
                ms.pos = pos;
                wideQuad(rho, (quad >> 12) & rho, (quad >> 8) & rho, bigU, p, true);
                acc = ms.acc;
                count = ms.count;
                pos = ms.pos;
                fastLimit = ms.fastLimit;
                out[x] = wide[0];
                out[x + stride] = wide[1];
                out[x + 1] = wide[2];
                out[x + stride + 1] = wide[3];
                left[q + 1] = wide[4];
                right[q + 1] = wide[5];
                continue;
            }
            count -= need;
            int m = lengths & 0xFF;
            int v = (int) acc & ((1 << m) - 1) | (byte) tops << m;
            acc >>>= m;
            out[x] = v;
            m = (lengths >>> 8) & 0xFF;
            v = (int) acc & ((1 << m) - 1) | (byte) (tops >> 8) << m;
            acc >>>= m;
            out[x + stride] = v;
            left[q + 1] = (32 - Integer.numberOfLeadingZeros(v | 1)) & 31;
            m = (lengths >>> 16) & 0xFF;
            v = (int) acc & ((1 << m) - 1) | (byte) (tops >> 16) << m;
            acc >>>= m;
            out[x + 1] = v;
            m = lengths >>> 24;
            v = (int) acc & ((1 << m) - 1) | tops >> 24 << m;
            acc >>>= m;
            out[x + stride + 1] = v;
            right[q + 1] = (32 - Integer.numberOfLeadingZeros(v | 1)) & 31;
        }
        ms.acc = acc;
        ms.count = count;
        ms.pos = pos;
        signedMagnitudes(out, row, stride, 2 * quadsWide);
        if (p != 0 || finalShift != 1) {
            scaleMagnitudes(out, row, stride, 2 * quadsWide);
        }
    }

    /** The two's complement value of the magnitude of v = 2 * (magnitude - 1) + sign; 0 for v = -2. */
    private static int signedMagnitude(int v) {
        int negative = -(v & 1);
        return ((v >> 1) + 1 ^ negative) - negative;
    }

    /**
     * Turns the v = 2 * (magnitude - 1) + sign that {@link #magSgnWholeQuads} stored for two rows of {@code width}
     * samples into their signed magnitudes ({@link #signedMagnitude}): a loop of its own, which C2 vectorises, where
     * in the decoding loop it cost seven instructions a sample.
     */
    private static void signedMagnitudes(int[] out, int row, int stride, int width) {
        for (int y = row; y <= row + stride; y += stride) {
            for (int x = y; x < y + width; x++) {
                out[x] = signedMagnitude(out[x]);
            }
        }
    }

    /**
     * Turns the signed magnitudes of two rows of {@code width} samples into the final values of {@link #value}:
     * (magnitude << (p + 1 - finalShift)) | ((1 << p) >> finalShift), the middle of the interval when bit-planes
     * are missing, in half units when asked for.
     */
    private void scaleMagnitudes(int[] out, int row, int stride, int width) {
        int up = bitPlane + 1 - finalShift;
        int bias = (1 << bitPlane) >> finalShift;
        for (int y = row; y <= row + stride; y += stride) {
            for (int x = y; x < y + width; x++) {
                int v = out[x];
                int negative = v >> 31;
                int scaled = (Math.abs(v) << up | bias) & -(v != 0 ? 1 : 0);
                out[x] = (scaled ^ negative) - negative;
            }
        }
    }

    /**
     * A quad whose samples may need more bits than one refill gives (U above 14), read sample by sample through
     * the reader; leaves the four values (when {@code raw}, for {@link #magSgnWholeQuads}, v = 2 * (magnitude - 1)
     * + sign, -2 when insignificant) and the bottom samples' exponents in {@link #wide}.
     */
    private void wideQuad(int rho, int ek, int e1, int bigU, int p, boolean raw) {
        Arrays.fill(wide, 0);
        if (raw) {
            Arrays.fill(wide, 0, 4, -2); // an insignificant sample's v, as magSgnWholeQuads stores it
        }
        for (int i = 0; i < 4; i++) {
            if ((rho & (1 << i)) != 0) {
                int m = bigU - (ek >> i & 1);
                int v = magSgn.peek() & ((1 << m) - 1) | (e1 >> i & 1) << m;
                magSgn.advance(m);
                wide[i] = raw ? v : value(v, p);
                if ((i & 1) == 1) {
                    wide[4 + (i >> 1)] = 32 - Integer.numberOfLeadingZeros(v | 1);
                }
            }
        }
    }

    /**
     * The value to store for a significant sample, v = 2 * (magnitude - 1) + sign: sign-magnitude of twice the
     * magnitude plus the half bit while refinement passes follow, else the final two's complement value. E, the
     * exponent the row below predicts from, is the bit length of v | 1.
     */
    private int value(int v, int p) {
        int halfUnits = ((v | 1) + 2) << p;
        if (refining) {
            return (v << 31) | halfUnits;
        }
        int sign = -(v & 1);
        return ((halfUnits >> finalShift) ^ sign) - sign;
    }

    /** SigProp and MagRef one bit-plane below the cleanup pass, in stripes of four rows (T.814 clause 7.4, 7.5). */
    private void refine(
            byte[] data,
            int offset,
            int length,
            int passes,
            boolean causal,
            int width,
            int height,
            int[] out,
            int base,
            int stride) {
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
                        if (out[index] != 0
                                || !hasSignificantNeighbour(
                                        out, base, stride, width, height, x, y, causal ? y1 : height)) {
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
    private static boolean hasSignificantNeighbour(
            int[] out, int base, int stride, int width, int height, int x, int y, int rowLimit) {
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
