package org.openahi.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Encapsulated Pixel Data (PS3.5 §A.4): the Basic Offset Table and the fragments that follow it. Offsets count
 * from the first byte of the first fragment's item tag; an empty table means "not given".
 */
public record Fragments(long[] basicOffsetTable, List<BulkData> items) {

    private static final long MAX_OFFSET = 0xFFFF_FFFFL;

    public Fragments {
        basicOffsetTable = basicOffsetTable.clone();
        items = List.copyOf(items);
    }

    /**
     * One fragment per frame, as a writer produces them; the Basic Offset Table is filled in unless the offsets
     * pass 4 GiB (then it stays empty, PS3.5 §A.4 allows that).
     */
    public static Fragments ofFrames(List<BulkData> frames) {
        long[] offsets = new long[frames.size()];
        long offset = 0;
        for (int i = 0; i < frames.size(); i++) {
            offsets[i] = offset;
            long length = frames.get(i).length();
            offset += 8 + length + (length & 1);
        }
        boolean fits = frames.isEmpty() || offsets[offsets.length - 1] <= MAX_OFFSET;
        return new Fragments(fits ? offsets : new long[0], new ArrayList<>(frames));
    }

    @Override
    public long[] basicOffsetTable() {
        return basicOffsetTable.clone();
    }

    /** Byte length of the value as encoded: items with their headers plus the sequence delimiter. */
    public long encodedLength() {
        long length = 8 + 4L * basicOffsetTable.length + 8;
        for (BulkData item : items) {
            length += 8 + item.length() + (item.length() & 1);
        }
        return length;
    }
}
