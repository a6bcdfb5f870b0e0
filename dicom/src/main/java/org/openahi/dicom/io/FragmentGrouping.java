package org.openahi.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Tag;

/**
 * Which fragments of encapsulated Pixel Data make up which frame (PS3.5 §A.4). In order of trust: the Extended
 * Offset Table, the Basic Offset Table, a single frame, one fragment per frame, and finally the start markers of
 * the compressed bit streams (JPEG SOI, JPEG 2000 SOC or JP2 signature, JPEG XL signature). Offsets count from the
 * first byte of the first fragment's item header.
 */
final class FragmentGrouping {

    /** Bytes of a fragment needed to recognise a frame start marker. */
    static final int HEAD = 12;

    private enum Marker {
        NONE,
        JPEG,
        JPEG2000,
        JPEG_XL
    }

    private final int frames;
    /** Offsets where frames start, from a valid offset table, or {@code null}. */
    private final long[] table;

    private final Marker marker;

    private FragmentGrouping(int frames, long[] table, Marker marker) {
        this.frames = frames;
        this.table = table;
        this.marker = marker;
    }

    static FragmentGrouping of(
            Dataset dataset, long[] basicOffsetTable, String transferSyntaxUid, int frames, List<ReadWarning> warnings)
            throws IOException {
        long[] table = extendedOffsetTable(dataset);
        String which = "Extended Offset Table";
        if (table == null) {
            table = basicOffsetTable.length == 0 ? null : basicOffsetTable;
            which = "Basic Offset Table";
        }
        if (table != null && !plausible(table, frames)) {
            warnings.add(new ReadWarning(
                    -1,
                    Tags.format(Tag.PixelData),
                    "ignoring the " + which + ": " + table.length + " offsets for " + frames
                            + " frames, or not increasing from 0"));
            table = null;
        }
        return new FragmentGrouping(frames, table, marker(transferSyntaxUid));
    }

    private static long[] extendedOffsetTable(Dataset dataset) throws IOException {
        Element e = dataset.get(Tag.ExtendedOffsetTable);
        if (e == null || e.isEmpty() || e.isSequence()) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(e.bulkData().readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[b.remaining() / 8];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = b.getLong();
        }
        return offsets;
    }

    private static boolean plausible(long[] table, int frames) {
        if (table.length != frames || table[0] != 0) {
            return false;
        }
        for (int i = 1; i < table.length; i++) {
            if (table[i] <= table[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static Marker marker(String uid) {
        String prefix = "1.2.840.10008.1.2.4.";
        if (uid == null || !uid.startsWith(prefix)) {
            return Marker.NONE;
        }
        String rest = uid.substring(prefix.length());
        int number;
        try {
            number = Integer.parseInt(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
        } catch (NumberFormatException e) {
            return Marker.NONE;
        }
        if (number >= 50 && number <= 81) {
            return Marker.JPEG;
        }
        if (number >= 90 && number <= 93 || number >= 201 && number <= 203) {
            return Marker.JPEG2000;
        }
        return number >= 110 && number <= 112 ? Marker.JPEG_XL : Marker.NONE;
    }

    /**
     * Streaming decision: does the fragment number {@code index}, whose item header is at {@code itemOffset}, start
     * a frame? Without table or marker every fragment is a frame.
     */
    boolean startsFrame(int index, long itemOffset, byte[] head, int headLength) {
        if (index == 0) {
            return true;
        }
        if (table != null) {
            return Arrays.binarySearch(table, itemOffset) >= 0;
        }
        if (frames == 1) {
            return false;
        }
        return marker == Marker.NONE || startsWithMarker(head, headLength);
    }

    /** Random access: the index of the first fragment of every frame. */
    int[] frameStarts(List<BulkData> fragments) throws IOException {
        if (fragments.isEmpty()) {
            throw invalid("encapsulated pixel data holds no fragment");
        }
        if (table != null) {
            int[] starts = fromTable(fragments);
            if (starts != null) {
                return starts;
            }
        }
        if (frames == 1) {
            return new int[] {0};
        }
        int[] starts = new int[frames];
        if (fragments.size() == frames) {
            for (int i = 0; i < frames; i++) {
                starts[i] = i;
            }
            return starts;
        }
        List<Integer> marked = new ArrayList<>();
        byte[] head = new byte[HEAD];
        for (int i = 0; i < fragments.size() && marker != Marker.NONE; i++) {
            BulkData fragment = fragments.get(i);
            int n = (int) Math.min(HEAD, fragment.length());
            try (InputStream in = fragment.openStream(0, n)) {
                if (startsWithMarker(head, in.readNBytes(head, 0, n))) {
                    marked.add(i);
                }
            }
        }
        if (marked.size() != frames || marked.get(0) != 0) {
            throw invalid("cannot tell which of " + fragments.size() + " fragments belong to which of " + frames
                    + " frames (no usable offset table or frame start markers)");
        }
        return marked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Maps table offsets to fragment indexes; {@code null} when an offset is not where a fragment starts. */
    private int[] fromTable(List<BulkData> fragments) {
        int[] starts = new int[table.length];
        long offset = 0;
        int frame = 0;
        for (int i = 0; i < fragments.size() && frame < table.length; i++) {
            if (offset == table[frame]) {
                starts[frame++] = i;
            } else if (offset > table[frame]) {
                return null;
            }
            offset += 8 + fragments.get(i).length();
        }
        return frame == table.length ? starts : null;
    }

    private boolean startsWithMarker(byte[] h, int n) {
        return switch (marker) {
            case JPEG -> n >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8;
            case JPEG2000 ->
                n >= 4
                                && (h[0] & 0xFF) == 0xFF
                                && (h[1] & 0xFF) == 0x4F
                                && (h[2] & 0xFF) == 0xFF
                                && (h[3] & 0xFF) == 0x51
                        || box(h, n, 'j', 'P', ' ', ' ');
            case JPEG_XL -> n >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0x0A || box(h, n, 'J', 'X', 'L', ' ');
            case NONE -> false;
        };
    }

    /** An ISO base media signature box: length 12, then the four-letter type. */
    private static boolean box(byte[] h, int n, char a, char b, char c, char d) {
        return n >= 8
                && h[0] == 0
                && h[1] == 0
                && h[2] == 0
                && h[3] == 12
                && h[4] == a
                && h[5] == b
                && h[6] == c
                && h[7] == d;
    }

    private static DicomParseException invalid(String reason) {
        return new DicomParseException(reason, -1, Tags.format(Tag.PixelData));
    }
}
