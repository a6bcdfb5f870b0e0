package org.openahi.htj2k.codestream;

/**
 * Lays out the lossless codestreams the encoders make (T.800 Annex A, T.814 Annex A): one tile, reversible 5/3,
 * code-blocks of 64 x 64, RPCL, one layer, and a TLM marker indexing one tile-part per resolution — DICOM's "HTJ2K
 * Lossless RPCL" (1.2.840.10008.1.2.4.202) with HT code-blocks, JPEG 2000 Lossless (.90) with Part 1 ones. The
 * caller writes the packets into the tile-part bodies.
 *
 * <p>Main header: SOC, SIZ (Rsiz 0x4000 for HT, else 0), for HT a CAP (Part 15, Ccap15 = HT only, single HT set,
 * reversible, magnitude bound), COD, QCD (no quantisation), TLM (16-bit tile index, 32-bit lengths). Then per
 * resolution SOT, SOD and the packets of that resolution for every component, and EOC.
 */
public final class CodestreamWriter {

    /** Code-block size exponent: 64 x 64. */
    public static final int BLOCK_EXPONENT = 6;

    private static final int SOT_AND_SOD = 12 + 2;

    private CodestreamWriter() {}

    /**
     * What the headers say.
     *
     * @param exponents epsilon_b per subband, LL first, then HL, LH, HH from the lowest resolution up
     */
    public record Header(
            boolean ht,
            int width,
            int height,
            int components,
            int depth,
            boolean signed,
            int levels,
            boolean mct,
            int guardBits,
            int[] exponents) {}

    /**
     * Allocates the codestream, after {@code prefix} bytes left for the caller (a file's boxes), with every header
     * written; tile-part {@code r}'s body of {@code bodyLengths[r]} bytes starts at the offset left in
     * {@code bodyOffsets[r]}.
     */
    public static byte[] layout(Header h, int[] bodyLengths, int[] bodyOffsets, int prefix) {
        int tileParts = bodyLengths.length;
        int sizLength = 38 + 3 * h.components;
        int codLength = 12;
        int qcdLength = 3 + h.exponents.length;
        int tlmLength = 4 + 6 * tileParts;
        int capLength = h.ht ? 2 + 8 : 0;
        long size = 2 + (2 + sizLength) + capLength + (2 + codLength) + (2 + qcdLength) + (2 + tlmLength) + 2;
        for (int length : bodyLengths) {
            size += SOT_AND_SOD + length;
        }
        if (prefix + size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("codestream of " + size + " bytes");
        }
        Out out = new Out(new byte[(int) (prefix + size)]);
        out.pos = prefix;
        out.u16(0xFF4F);
        out.u16(0xFF51);
        out.u16(sizLength);
        out.u16(h.ht ? 0x4000 : 0);
        out.u32(h.width);
        out.u32(h.height);
        out.u32(0);
        out.u32(0);
        out.u32(h.width);
        out.u32(h.height);
        out.u32(0);
        out.u32(0);
        out.u16(h.components);
        for (int c = 0; c < h.components; c++) {
            out.u8((h.depth - 1) | (h.signed ? 0x80 : 0));
            out.u8(1);
            out.u8(1);
        }
        if (h.ht) {
            out.u16(0xFF50);
            out.u16(8);
            out.u32(0x0002_0000);
            out.u16(ccap15(h));
        }
        out.u16(0xFF52);
        out.u16(codLength);
        out.u8(0); // default precincts, no SOP, no EPH
        out.u8(2); // RPCL
        out.u16(1); // one layer
        out.u8(h.mct ? 1 : 0);
        out.u8(h.levels);
        out.u8(BLOCK_EXPONENT - 2);
        out.u8(BLOCK_EXPONENT - 2);
        out.u8(h.ht ? CodingStyle.STYLE_HT : 0);
        out.u8(1); // 5/3 reversible
        out.u16(0xFF5C);
        out.u16(qcdLength);
        out.u8(h.guardBits << 5);
        for (int e : h.exponents) {
            out.u8(e << 3);
        }
        out.u16(0xFF55);
        out.u16(tlmLength);
        out.u8(0); // Ztlm
        out.u8(0x60); // Ttlm 16 bits, Ptlm 32 bits
        for (int length : bodyLengths) {
            out.u16(0);
            out.u32(SOT_AND_SOD + length);
        }
        for (int r = 0; r < tileParts; r++) {
            out.u16(0xFF90);
            out.u16(10);
            out.u16(0);
            out.u32(SOT_AND_SOD + bodyLengths[r]);
            out.u8(r);
            out.u8(tileParts);
            out.u16(0xFF93);
            bodyOffsets[r] = out.pos;
            out.pos += bodyLengths[r];
        }
        out.u16(0xFFD9);
        return out.buf;
    }

    /**
     * Ccap15 (T.814 A.3): HT code-blocks only, one HT set, no ROI, reversible, and Bp from the largest magnitude
     * bit count MAGB = max(guard bits + epsilon_b - 1).
     */
    static int ccap15(Header h) {
        int magb = 0;
        for (int e : h.exponents) {
            magb = Math.max(magb, h.guardBits + e - 1);
        }
        if (magb <= 8) {
            return 0;
        }
        return magb < 28 ? magb - 8 : 13 + (magb >> 2);
    }

    private static final class Out {
        final byte[] buf;
        int pos;

        Out(byte[] buf) {
            this.buf = buf;
        }

        void u8(int v) {
            buf[pos++] = (byte) v;
        }

        void u16(int v) {
            buf[pos++] = (byte) (v >> 8);
            buf[pos++] = (byte) v;
        }

        void u32(int v) {
            u16(v >>> 16);
            u16(v & 0xFFFF);
        }
    }
}
