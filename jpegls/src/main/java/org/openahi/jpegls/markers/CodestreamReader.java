package org.openahi.jpegls.markers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openahi.jpegls.Interleave;
import org.openahi.jpegls.JpegLsException;

/**
 * Reads the marker segments of a JPEG-LS frame (T.87 Annex C): SOI, SOF55, LSE (preset coding parameters, mapping
 * tables and their continuations, oversize dimensions), DRI, SOS with the extent of each scan's coded data, DNL,
 * APPn and COM (skipped), EOI. Bytes after EOI (fragment padding) are ignored. Nothing is decoded here.
 */
public final class CodestreamReader {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int APP8 = 0xE8;
    private static final int COM = 0xFE;

    private final byte[] data;
    private int pos;

    private int precision;
    private int width;
    private int height;
    private int[] componentIds;
    private boolean[] coded;
    private PresetParameters presets = PresetParameters.UNSPECIFIED;
    private boolean customPresets;
    private int restartInterval;
    /** Mapping tables defined so far: table id to entry width in bytes. */
    private final Map<Integer, Integer> tables = new HashMap<>();

    private final List<ScanHeader> scans = new ArrayList<>();

    private CodestreamReader(byte[] data) {
        this.data = data;
    }

    /** The structure of the frame in {@code data}, which starts with SOI. */
    public static Codestream read(byte[] data) throws JpegLsException {
        return new CodestreamReader(data).read();
    }

    private Codestream read() throws JpegLsException {
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw new JpegLsException(0x0110, "the frame does not start with an SOI marker (FFD8)", 0);
        }
        pos = 2;
        while (true) {
            int at = pos;
            int marker = nextMarker();
            if (marker == EOI) {
                break;
            }
            if (marker == SOI) {
                throw new JpegLsException(0x0111, "a second SOI marker", at);
            }
            if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                throw new JpegLsException(0x011B, unexpected(marker), at);
            }
            int length = segmentLength(marker, at);
            int end = pos + length;
            switch (marker) {
                case SOF55 -> startOfFrame(length, at);
                case LSE -> presetParameters(length, at);
                // An interval past 2^31 lines is longer than any frame: no restart.
                case DRI -> restartInterval = (int) Math.min(Integer.MAX_VALUE, number(pos + 2, length - 2, at, "DRI"));
                case SOS -> startOfScan(length, at);
                case DNL -> numberOfLines(length, at);
                case APP8 -> colourTransform(length, at);
                default -> {
                    if (marker < 0xE0 || marker > 0xEF && marker != COM) {
                        throw new JpegLsException(0x0112, unexpected(marker), at);
                    }
                }
            }
            if (marker != SOS) {
                pos = end;
            }
        }
        if (componentIds == null) {
            throw new JpegLsException(0x0113, "EOI before any SOF55 marker segment", pos - 2);
        }
        if (height == 0) {
            throw new JpegLsException(0x0114, "the frame height is 0 and no DNL marker segment follows the first scan");
        }
        for (int c = 0; c < coded.length; c++) {
            if (!coded[c]) {
                throw new JpegLsException(0x0115, "component " + componentIds[c] + " is in no scan", pos - 2);
            }
        }
        return new Codestream(
                new FrameHeader(precision, width, height, componentIds.length), List.copyOf(scans), customPresets);
    }

    /** Reads the marker at {@code pos} (after any fill bytes 0xFF) and returns its second byte. */
    private int nextMarker() throws JpegLsException {
        if (pos >= data.length) {
            throw new JpegLsException(0x0116, "the data ends before an EOI marker", pos);
        }
        if ((data[pos] & 0xFF) != 0xFF) {
            throw new JpegLsException(0x0117, "expected a marker, found byte 0x" + hex(data[pos] & 0xFF), pos);
        }
        while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= data.length) {
            throw new JpegLsException(0x0118, "the data ends inside a marker", pos);
        }
        return data[pos++] & 0xFF;
    }

    /** The length of the segment whose length field is at {@code pos}, checked against the data. */
    private int segmentLength(int marker, int at) throws JpegLsException {
        if (pos + 2 > data.length) {
            throw new JpegLsException(0x0119, "the data ends inside the length of marker FF" + hex(marker), at);
        }
        int length = u16(pos);
        if (length < 2 || pos + length > data.length) {
            throw new JpegLsException(
                    0x011A,
                    "marker FF" + hex(marker) + " has length " + length + ", past the end of " + "the data",
                    at);
        }
        return length;
    }

    private void startOfFrame(int length, int at) throws JpegLsException {
        if (componentIds != null) {
            throw new JpegLsException(0x0120, "a second SOF55 marker segment", at);
        }
        if (length < 8) {
            throw new JpegLsException(0x0121, "SOF55 segment of " + length + " bytes is too short", at);
        }
        precision = data[pos + 2] & 0xFF;
        int lines = u16(pos + 3);
        int samplesPerLine = u16(pos + 5);
        int components = data[pos + 7] & 0xFF;
        if (precision < 2 || precision > 16) {
            throw new JpegLsException(0x0122, "sample precision P=" + precision + " is outside 2..16", at);
        }
        if (components == 0 || length != 8 + 3 * components) {
            throw new JpegLsException(
                    0x0123, "SOF55 declares " + components + " components in a segment of " + length + " bytes", at);
        }
        componentIds = new int[components];
        coded = new boolean[components];
        for (int c = 0; c < components; c++) {
            int p = pos + 8 + 3 * c;
            componentIds[c] = data[p] & 0xFF;
            for (int earlier = 0; earlier < c; earlier++) {
                if (componentIds[earlier] == componentIds[c]) {
                    throw new JpegLsException(
                            0x0124, "component id " + componentIds[c] + " appears twice in SOF55", at);
                }
            }
            int sampling = data[p + 1] & 0xFF;
            if (sampling != 0x11) {
                throw new JpegLsException(
                        0x0125,
                        "component " + componentIds[c] + " is sub-sampled (H=" + (sampling >> 4) + ", V="
                                + (sampling & 15) + "), which this decoder does not support",
                        at);
            }
        }
        // An LSE oversize-dimension segment may have set what SOF55 leaves 0.
        width = dimension(width, samplesPerLine, "width", at);
        height = dimension(height, lines, "height", at);
    }

    /** The dimension once {@code declared} is taken into account: 0 leaves it open, two different values are an error. */
    private static int dimension(int current, long declared, String name, int at) throws JpegLsException {
        if (declared == 0) {
            return current;
        }
        if (current != 0 && current != declared || declared > Integer.MAX_VALUE) {
            throw new JpegLsException(
                    0x0126, "frame " + name + " " + declared + " conflicts with " + current + " or is too large", at);
        }
        return (int) declared;
    }

    private void presetParameters(int length, int at) throws JpegLsException {
        if (length < 3) {
            throw new JpegLsException(0x0130, "LSE segment of " + length + " bytes is too short", at);
        }
        int type = data[pos + 2] & 0xFF;
        switch (type) {
            case 1 -> {
                if (length != 13) {
                    throw new JpegLsException(
                            0x0131, "LSE preset coding parameters segment of " + length + " bytes, not 13", at);
                }
                presets = new PresetParameters(u16(pos + 3), u16(pos + 5), u16(pos + 7), u16(pos + 9), u16(pos + 11));
            }
            case 2, 3 -> mappingTable(type == 3, length, at);
            case 4 -> oversizeDimensions(length, at);
            default ->
                throw new JpegLsException(
                        0x0132,
                        type >= 5 && type <= 13
                                ? "LSE type " + type
                                        + " belongs to JPEG-LS Part 2 (ISO/IEC 14495-2), which this decoder does not support"
                                : "LSE type " + type + " is not defined",
                        at);
        }
    }

    /** LSE types 2 and 3 (C.2.4.1.2-3): tables are checked and remembered; they are not applied (see JpegLsDecoder). */
    private void mappingTable(boolean continuation, int length, int at) throws JpegLsException {
        if (length < 5) {
            throw new JpegLsException(0x0133, "LSE mapping table segment of " + length + " bytes is too short", at);
        }
        int id = data[pos + 3] & 0xFF;
        int entryWidth = data[pos + 4] & 0xFF;
        if (id == 0 || entryWidth == 0) {
            throw new JpegLsException(
                    0x0134, "mapping table id " + id + " with entries of " + entryWidth + " bytes", at);
        }
        Integer defined = tables.get(id);
        if (continuation ? defined == null || defined != entryWidth : defined != null) {
            throw new JpegLsException(
                    0x0135,
                    continuation
                            ? "continuation of mapping table " + id + ", which is not defined with " + entryWidth
                                    + "-byte entries"
                            : "mapping table " + id + " is defined twice",
                    at);
        }
        tables.put(id, entryWidth);
    }

    private void oversizeDimensions(int length, int at) throws JpegLsException {
        if (length < 4) {
            throw new JpegLsException(
                    0x0136, "LSE oversize dimension segment of " + length + " bytes is too short", at);
        }
        int bytes = data[pos + 3] & 0xFF;
        if (bytes < 2 || bytes > 4 || length != 4 + 2 * bytes) {
            throw new JpegLsException(
                    0x0137,
                    "LSE oversize dimension segment with " + bytes + "-byte values in " + length + " bytes",
                    at);
        }
        if (!scans.isEmpty()) {
            throw new JpegLsException(0x0138, "LSE oversize dimension segment after the first scan", at);
        }
        height = dimension(height, number(pos + 4, bytes, at, "LSE"), "height", at);
        width = dimension(width, number(pos + 4 + bytes, bytes, at, "LSE"), "width", at);
    }

    private void startOfScan(int length, int at) throws JpegLsException {
        if (componentIds == null) {
            throw new JpegLsException(0x0140, "SOS before the SOF55 marker segment", at);
        }
        if (width == 0) {
            throw new JpegLsException(0x0141, "the frame width is 0", at);
        }
        int count = length >= 3 ? data[pos + 2] & 0xFF : 0;
        if (count < 1 || count > 4 || length != 6 + 2 * count) {
            throw new JpegLsException(
                    0x0142,
                    "SOS declares " + count + " components in a segment of " + length + " bytes (1..4 allowed)",
                    at);
        }
        int[] components = new int[count];
        boolean mapped = false;
        for (int i = 0; i < count; i++) {
            int id = data[pos + 3 + 2 * i] & 0xFF;
            int index = indexOf(id);
            if (index < 0) {
                throw new JpegLsException(0x0143, "SOS names component " + id + ", which SOF55 does not declare", at);
            }
            if (coded[index]) {
                throw new JpegLsException(0x0144, "component " + id + " is coded by a second scan", at);
            }
            coded[index] = true;
            components[i] = index;
            int table = data[pos + 4 + 2 * i] & 0xFF;
            if (table != 0 && !tables.containsKey(table)) {
                throw new JpegLsException(
                        0x0145, "SOS names mapping table " + table + ", which no LSE segment defines", at);
            }
            mapped |= table != 0;
        }
        int p = pos + 3 + 2 * count;
        int near = data[p] & 0xFF;
        int ilv = data[p + 1] & 0xFF;
        int pointTransform = data[p + 2] & 0x0F;
        Interleave interleave = Interleave.of(ilv);
        if (interleave == null) {
            throw new JpegLsException(0x0146, "interleave mode ILV=" + ilv + " is not defined", at);
        }
        if (count == 1) {
            // With one component the three modes code the same samples in the same order.
            interleave = Interleave.NONE;
        } else if (interleave == Interleave.NONE) {
            throw new JpegLsException(0x0147, "ILV=0 with " + count + " components in one scan", at);
        }
        if (pointTransform != 0) {
            throw new JpegLsException(0x0148, "point transform Pt=" + pointTransform + " is not supported", at);
        }
        PresetParameters resolved = presets.resolve(precision, near, at);
        customPresets |= !resolved.equals(PresetParameters.UNSPECIFIED.resolve(precision, near, at));
        int start = pos + length;
        int end = endOfScan(start);
        scans.add(new ScanHeader(components, mapped, near, interleave, resolved, restartInterval, start, end));
        pos = end;
    }

    /** The offset of the first marker at or after {@code from} that is not a restart marker, or the data's end. */
    private int endOfScan(int from) {
        int i = from;
        while (i + 1 < data.length) {
            if ((data[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < data.length && (data[j] & 0xFF) == 0xFF) {
                j++;
            }
            if (j >= data.length) {
                return i;
            }
            int next = data[j] & 0xFF;
            if (j == i + 1 && next < 0x80) {
                i = j + 1; // a stuffed byte: 0xFF is followed by a byte whose top bit is a stuffed 0
            } else if (next >= 0xD0 && next <= 0xD7) {
                i = j + 1;
            } else {
                return i;
            }
        }
        return data.length;
    }

    private void numberOfLines(int length, int at) throws JpegLsException {
        if (height != 0 || scans.size() != 1 || scans.get(0).dataEnd() != at) {
            throw new JpegLsException(
                    0x0150,
                    "a DNL marker segment other than right after the first scan of a frame " + "of height 0",
                    at);
        }
        long lines = number(pos + 2, length - 2, at, "DNL");
        if (lines == 0 || lines > Integer.MAX_VALUE) {
            throw new JpegLsException(0x0151, "DNL declares " + lines + " lines", at);
        }
        height = (int) lines;
    }

    /** APP8 "mrfx": HP's colour transforms, which no DICOM file in the corpora uses; refused rather than misread. */
    private void colourTransform(int length, int at) throws JpegLsException {
        if (length == 7
                && data[pos + 2] == 'm'
                && data[pos + 3] == 'r'
                && data[pos + 4] == 'f'
                && data[pos + 5] == 'x'
                && data[pos + 6] != 0) {
            throw new JpegLsException(
                    0x0152, "HP colour transform " + (data[pos + 6] & 0xFF) + " (APP8 mrfx) is not " + "supported", at);
        }
    }

    private int indexOf(int id) {
        for (int c = 0; c < componentIds.length; c++) {
            if (componentIds[c] == id) {
                return c;
            }
        }
        return -1;
    }

    /** A big-endian number of 2, 3 or 4 bytes at {@code p} (DRI, DNL and LSE oversize dimensions). */
    private long number(int p, int bytes, int at, String segment) throws JpegLsException {
        if (bytes < 2 || bytes > 4) {
            throw new JpegLsException(0x0153, segment + " value of " + bytes + " bytes (2..4 allowed)", at);
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (data[p + i] & 0xFF);
        }
        return value;
    }

    private int u16(int p) {
        return (data[p] & 0xFF) << 8 | (data[p + 1] & 0xFF);
    }

    private static String unexpected(int marker) {
        if (marker >= 0xD0 && marker <= 0xD7) {
            return "restart marker FF" + hex(marker) + " outside a scan";
        }
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            return "marker FF" + hex(marker) + " starts a JPEG (ISO 10918) frame, not JPEG-LS";
        }
        if (marker == 0xF9) {
            return "marker FFF9 starts a JPEG-LS Part 2 (ISO/IEC 14495-2) frame, which this decoder does not support";
        }
        return "marker FF" + hex(marker) + " is not allowed in JPEG-LS";
    }

    private static String hex(int value) {
        return String.format("%02X", value);
    }
}
