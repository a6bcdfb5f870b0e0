package org.openahi.htj2k;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Just enough DICOM reading for these tests (the dicom module is separate): the top-level image attributes and where
 * Pixel Data is, in Implicit or Explicit VR Little Endian, Explicit VR Big Endian and Deflated files, with or
 * without File Meta. Nested sequences are skipped.
 */
final class DicomFiles {

    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";

    private DicomFiles() {}

    /** The top-level values read (US/IS/CS as numbers or strings) and the pixel data's bytes and layout. */
    record Dataset(
            String transferSyntax,
            Map<Integer, Object> values,
            byte[] data,
            int pixelOffset,
            int pixelLength,
            boolean bigEndian) {

        int number(int tag, int absent) {
            Object v = values.get(tag);
            if (v instanceof Integer i) {
                return i;
            }
            if (v instanceof String s && !s.isBlank()) {
                return Integer.parseInt(s.trim().split("\\\\")[0]);
            }
            return absent;
        }

        String text(int tag) {
            Object v = values.get(tag);
            return v == null ? "" : v.toString().trim();
        }
    }

    /** Reads {@code file}; {@code fallbackSyntax} is used when it has no File Meta. */
    static Dataset read(Path file, String fallbackSyntax) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int pos = 0;
        String syntax = fallbackSyntax;
        if (b.length > 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') {
            pos = 132;
            Reader meta = new Reader(b, pos, false, true);
            while (meta.pos + 8 <= b.length && meta.u16(meta.pos) == 0x0002) {
                int tag = meta.tag();
                int[] len = meta.header();
                if (tag == 0x00020010) {
                    syntax = new String(b, meta.pos, len[0], StandardCharsets.US_ASCII)
                            .trim()
                            .replace("\0", "");
                }
                meta.pos += len[0];
            }
            pos = meta.pos;
        }
        boolean bigEndian = EXPLICIT_BE.equals(syntax);
        boolean explicit = !IMPLICIT_LE.equals(syntax);
        if (DEFLATED_LE.equals(syntax)) {
            b = inflate(b, pos);
            pos = 0;
        }
        Reader r = new Reader(b, pos, bigEndian, explicit);
        Map<Integer, Object> values = new HashMap<>();
        while (r.pos + 8 <= b.length) {
            int tag = r.tag();
            int[] header = r.header();
            int length = header[0];
            if (tag == 0x7FE00010) {
                return new Dataset(syntax, values, b, r.pos, length, bigEndian);
            }
            if (length == -1) {
                r.skipUndefined();
                continue;
            }
            if (tag == 0x7FE00008 || tag == 0x7FE00009) {
                values.put(tag, "float pixel data");
            } else if (tag >>> 16 == 0x0028 || tag == 0x00080016) {
                boolean us = header[1] == ('U' << 8 | 'S') || !explicit && isUs(tag);
                values.put(
                        tag,
                        us && length >= 2 ? r.u16(r.pos) : new String(b, r.pos, length, StandardCharsets.US_ASCII));
            }
            r.pos += length;
        }
        return new Dataset(syntax, values, b, -1, 0, bigEndian);
    }

    /** Attributes of group 0028 that are US, for Implicit VR where the VR is not written. */
    private static boolean isUs(int tag) {
        return tag == 0x00280002
                || tag == 0x00280006
                || tag == 0x00280010
                || tag == 0x00280011
                || tag == 0x00280100
                || tag == 0x00280101
                || tag == 0x00280102
                || tag == 0x00280103;
    }

    /** The first frame of encapsulated Pixel Data: its fragments after the Basic Offset Table, joined. */
    static byte[] firstFragmentFrame(Path file) throws IOException {
        Dataset d = read(file, EXPLICIT_LE);
        Reader r = new Reader(d.data(), d.pixelOffset(), false, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        while (true) {
            int tag = r.tag();
            int length = r.u32(r.pos);
            r.pos += 4;
            if (tag == 0xFFFEE0DD) {
                return out.toByteArray();
            }
            if (!first) {
                out.write(d.data(), r.pos, length);
            }
            first = false;
            r.pos += length;
        }
    }

    /**
     * The frames of encapsulated Pixel Data: by the Basic Offset Table when it has one, else one fragment per frame
     * when the counts agree, else a new frame at each fragment that starts a codestream (SOC) or JP2 file.
     */
    static List<byte[]> encapsulatedFrames(Path file, int frames) throws IOException {
        Dataset d = read(file, EXPLICIT_LE);
        Reader r = new Reader(d.data(), d.pixelOffset(), false, true);
        List<int[]> fragments = new ArrayList<>();
        int[] table = null;
        int itemsStart = -1;
        while (r.pos + 8 <= d.data().length) {
            int tag = r.tag();
            int length = r.u32(r.pos);
            r.pos += 4;
            if (tag != 0xFFFEE000) {
                break;
            }
            if (table == null) {
                table = new int[length / 4];
                for (int i = 0; i < table.length; i++) {
                    table[i] = r.u32(r.pos + 4 * i);
                }
                itemsStart = r.pos + length;
            } else {
                fragments.add(new int[] {r.pos - 8, r.pos, Math.min(length, d.data().length - r.pos)});
            }
            r.pos += length;
        }
        List<byte[]> out = new ArrayList<>();
        if (table != null && table.length == frames && frames > 1) {
            for (int f = 0; f < frames; f++) {
                int from = itemsStart + table[f];
                int to = f + 1 < frames ? itemsStart + table[f + 1] : Integer.MAX_VALUE;
                out.add(join(d.data(), fragments, from, to));
            }
            return out;
        }
        if (fragments.size() == frames) {
            for (int[] fr : fragments) {
                out.add(Arrays.copyOfRange(d.data(), fr[1], fr[1] + fr[2]));
            }
            return out;
        }
        int start = 0;
        for (int i = 1; i <= fragments.size(); i++) {
            if (i == fragments.size() || startsImage(d.data(), fragments.get(i)[1])) {
                out.add(join(
                        d.data(),
                        fragments,
                        fragments.get(start)[0],
                        i == fragments.size() ? Integer.MAX_VALUE : fragments.get(i)[0]));
                start = i;
            }
        }
        return out;
    }

    private static boolean startsImage(byte[] b, int at) {
        return at + 4 <= b.length
                && ((b[at] & 0xFF) == 0xFF && (b[at + 1] & 0xFF) == 0x4F
                        || b[at] == 0 && b[at + 1] == 0 && b[at + 2] == 0 && b[at + 3] == 12);
    }

    /** The fragments whose items start in [from, to), joined. */
    private static byte[] join(byte[] b, List<int[]> fragments, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] fr : fragments) {
            if (fr[0] >= from && fr[0] < to) {
                out.write(b, fr[1], fr[2]);
            }
        }
        return out.toByteArray();
    }

    /** The offset just after tile-part {@code index} of a codestream (counting from 0). */
    static int endOfTilePart(byte[] cs, int index) {
        int p = 2;
        while (((cs[p] & 0xFF) << 8 | (cs[p + 1] & 0xFF)) != 0xFF90) {
            p += 2 + ((cs[p + 2] & 0xFF) << 8 | (cs[p + 3] & 0xFF));
        }
        for (int i = 0; i <= index; i++) {
            p += (cs[p + 6] & 0xFF) << 24 | (cs[p + 7] & 0xFF) << 16 | (cs[p + 8] & 0xFF) << 8 | (cs[p + 9] & 0xFF);
        }
        return p;
    }

    private static byte[] inflate(byte[] b, int from) throws IOException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(b, from, b.length - from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    private static final class Reader {
        final byte[] b;
        int pos;
        final boolean bigEndian;
        final boolean explicit;

        Reader(byte[] b, int pos, boolean bigEndian, boolean explicit) {
            this.b = b;
            this.pos = pos;
            this.bigEndian = bigEndian;
            this.explicit = explicit;
        }

        int u16(int p) {
            return bigEndian ? (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF) : (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
        }

        int u32(int p) {
            return bigEndian ? u16(p) << 16 | u16(p + 2) : u16(p) | u16(p + 2) << 16;
        }

        int tag() {
            int group = u16(pos);
            int element = u16(pos + 2);
            pos += 4;
            return group << 16 | element;
        }

        /** Reads the VR (if explicit) and length; returns {length (-1 undefined), VR as two chars}. */
        int[] header() {
            int group = (b[pos - 4] & 0xFF) | (b[pos - 3] & 0xFF) << 8;
            boolean item = group == 0xFFFE || (bigEndian ? u16(pos - 4) : group) == 0xFFFE;
            if (explicit && !item) {
                int vr = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
                String name = new String(b, pos, 2, StandardCharsets.US_ASCII);
                pos += 2;
                if (name.equals("OB")
                        || name.equals("OW")
                        || name.equals("OF")
                        || name.equals("SQ")
                        || name.equals("UT")
                        || name.equals("UN")
                        || name.equals("OD")
                        || name.equals("OL")
                        || name.equals("OV")
                        || name.equals("UC")
                        || name.equals("UR")
                        || name.equals("SV")
                        || name.equals("UV")) {
                    pos += 2;
                    int length = u32(pos);
                    pos += 4;
                    return new int[] {length, vr};
                }
                int length = u16(pos);
                pos += 2;
                return new int[] {length, vr};
            }
            int length = u32(pos);
            pos += 4;
            return new int[] {length, 0};
        }

        /** Skips a sequence (or item list) of undefined length, up to and past its delimiter. */
        void skipUndefined() {
            int depth = 1;
            while (depth > 0 && pos + 8 <= b.length) {
                int tag = tag();
                if (tag == 0xFFFEE0DD || tag == 0xFFFEE00D) {
                    pos += 4;
                    depth--;
                    continue;
                }
                if (tag == 0xFFFEE000) {
                    int length = u32(pos);
                    pos += 4;
                    if (length == -1) {
                        depth++;
                    } else {
                        pos += length;
                    }
                    continue;
                }
                int[] header = header();
                if (header[0] == -1) {
                    depth++;
                } else {
                    pos += header[0];
                }
            }
        }
    }
}
