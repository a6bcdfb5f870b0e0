package org.openahi.htj2k.codestream;

import java.util.Arrays;
import org.openahi.htj2k.Htj2kException;

/**
 * The JP2 family file format (T.800 Annex I, T.814 Annex D for JPH): a signature box, a file type box, a header box
 * and a contiguous codestream box. Reading finds the codestream; writing wraps one in the smallest JPH file.
 */
public final class Boxes {

    private static final int SIGNATURE = 0x6A502020; // 'jP  '
    private static final int CODESTREAM = 0x6A703263; // 'jp2c'
    private static final int HEADER = 0x6A703268; // 'jp2h'
    private static final int PALETTE = 0x70636C72; // 'pclr'

    private Boxes() {}

    /**
     * The bare codestream (what DICOM and DICOMweb's image/jphc carry): the input itself when it starts with SOC,
     * else the contents of its jp2c box.
     */
    public static byte[] codestream(byte[] data) throws Htj2kException {
        long[] range = codestreamRange(data, data.length);
        return range[0] == 0 ? data : Arrays.copyOfRange(data, (int) range[0], (int) (range[0] + range[1]));
    }

    /** Where the codestream is: the whole input when it starts with SOC, else the contents of the jp2c box. */
    static int[] codestreamRange(byte[] data) throws Htj2kException {
        long[] range = codestreamRange(data, data.length);
        return new int[] {(int) range[0], (int) (range[0] + range[1])};
    }

    /**
     * Where the codestream is, as {offset, length}, in an input of {@code totalLength} bytes of which {@code head}
     * holds the first ones (enough to reach the jp2c box's header): so a stored file's codestream can be located
     * without reading all of it.
     */
    public static long[] codestreamRange(byte[] head, long totalLength) throws Htj2kException {
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0x4F) {
            return new long[] {0, totalLength};
        }
        if (head.length < 12 || u32(head, 0) != 12 || u32(head, 4) != SIGNATURE) {
            throw new Htj2kException(0x0126, "neither a JPEG 2000 codestream (SOC) nor a JP2/JPH file", 0);
        }
        long pos = 0;
        while (pos + 8 <= Math.min(head.length, totalLength)) {
            long length = u32(head, (int) pos);
            int type = (int) u32(head, (int) pos + 4);
            int header = 8;
            if (length == 1) {
                if (pos + 16 > head.length) {
                    break;
                }
                length = (u32(head, (int) pos + 8) << 32) | u32(head, (int) pos + 12);
                header = 16;
            } else if (length == 0) {
                length = totalLength - pos;
            }
            if (length < header || pos + length > totalLength) {
                throw new Htj2kException(0x0127, "box of length " + length + " runs past the end of the file", pos);
            }
            if (type == CODESTREAM) {
                return new long[] {pos + header, length - header};
            }
            if (type == HEADER) {
                refusePalette(head, pos + header, Math.min(pos + length, head.length));
            }
            pos += length;
        }
        throw new Htj2kException(0x0128, "JP2/JPH file has no codestream (jp2c) box", pos);
    }

    /**
     * A palette box in the JP2 header maps decoded indices to colours (T.800 I.5.3.4); the samples this decoder
     * returns would be the indices, so such a file is refused.
     */
    private static void refusePalette(byte[] head, long from, long to) throws Htj2kException {
        for (long pos = from; pos + 8 <= to; ) {
            long length = u32(head, (int) pos);
            if ((int) u32(head, (int) pos + 4) == PALETTE) {
                throw new Htj2kException(0x012A, "JP2 palette (pclr box) is not supported", pos);
            }
            if (length < 8) {
                return;
            }
            pos += length;
        }
    }

    /** Bytes of the JPH file's boxes before the codestream ({@link #writeJphHeader}). */
    public static final int JPH_HEADER = 12 + (8 + 16) + (8 + (8 + 14) + (8 + 7)) + 8;

    /**
     * Wraps a raw codestream in a JP2-family file the way AWS HealthImaging's sample frame is (T.800 Annex I, T.814
     * Annex D): signature, 'ftyp' with brand 'jp2 ' and compatibility 'jp2 ' and 'jph ', a 'jp2h' header with 'ihdr'
     * and a 'colr' box (enumerated sRGB for 3 components, greyscale otherwise), then 'jp2c'.
     */
    public static byte[] wrapJph(
            byte[] codestream, int width, int height, int components, int bitDepth, boolean signed) {
        byte[] out = new byte[JPH_HEADER + codestream.length];
        writeJphHeader(out, width, height, components, bitDepth, signed);
        System.arraycopy(codestream, 0, out, JPH_HEADER, codestream.length);
        return out;
    }

    /**
     * Writes the boxes {@link #wrapJph} puts before the codestream into the first {@link #JPH_HEADER} bytes of
     * {@code file}, whose codestream follows them to its end.
     */
    public static void writeJphHeader(
            byte[] file, int width, int height, int components, int bitDepth, boolean signed) {
        int ihdr = 8 + 14;
        int colr = 8 + 7;
        int jp2h = 8 + ihdr + colr;
        int ftyp = 8 + 16;
        int p = 0;
        p = box(file, p, 12, SIGNATURE);
        p = put32(file, p, 0x0D0A870A);
        p = box(file, p, ftyp, 0x66747970); // 'ftyp'
        p = put32(file, p, 0x6A703220); // brand 'jp2 '
        p = put32(file, p, 0);
        p = put32(file, p, 0x6A703220); // compatibility list: 'jp2 ', 'jph '
        p = put32(file, p, 0x6A706820);
        p = box(file, p, jp2h, 0x6A703268); // 'jp2h'
        p = box(file, p, ihdr, 0x69686472); // 'ihdr'
        p = put32(file, p, height);
        p = put32(file, p, width);
        file[p++] = (byte) (components >> 8);
        file[p++] = (byte) components;
        file[p++] = (byte) ((bitDepth - 1) | (signed ? 0x80 : 0));
        file[p++] = 7; // compression type: JPEG 2000
        file[p++] = 0; // colourspace known
        file[p++] = 0; // no intellectual property box
        p = box(file, p, colr, 0x636F6C72); // 'colr'
        file[p++] = 1; // enumerated colourspace
        file[p++] = 0;
        file[p++] = 0;
        p = put32(file, p, components >= 3 ? 16 : 17); // sRGB or greyscale
        box(file, p, file.length - p, CODESTREAM);
    }

    private static int box(byte[] out, int p, int length, int type) {
        p = put32(out, p, length);
        return put32(out, p, type);
    }

    private static int put32(byte[] out, int p, int v) {
        out[p] = (byte) (v >>> 24);
        out[p + 1] = (byte) (v >>> 16);
        out[p + 2] = (byte) (v >>> 8);
        out[p + 3] = (byte) v;
        return p + 4;
    }

    private static long u32(byte[] d, int p) {
        return (long) (d[p] & 0xFF) << 24 | (d[p + 1] & 0xFF) << 16 | (d[p + 2] & 0xFF) << 8 | (d[p + 3] & 0xFF);
    }
}
