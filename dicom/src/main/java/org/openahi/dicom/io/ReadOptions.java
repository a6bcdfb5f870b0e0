package org.openahi.dicom.io;

/**
 * Limits and choices for reading. Every limit turns hostile input into a {@link org.openahi.dicom.DicomParseException}
 * instead of exhausting memory or the stack.
 *
 * @param maxDepth deepest nesting of sequences allowed
 * @param maxValueLength largest single value read into memory, in bytes
 * @param maxMemory most bytes of values (plus a per-element overhead) one read may hold in memory
 * @param bulkDataThreshold OB, OD, OF, OL, OV, OW and UN values longer than this, and all Pixel Data, stay in the
 *     file as {@link org.openahi.dicom.BulkData} references when reading a file
 * @param unknownSequences read a UN value of defined length whose attribute the dictionary knows as SQ as the
 *     Implicit VR Little Endian sequence it holds (PS3.5 §6.2.2), VR SQ; off by default, as in DCMTK, so the value
 *     stays the bytes read. A value that does not parse as a sequence stays UN, with a warning.
 */
public record ReadOptions(
        int maxDepth, long maxValueLength, long maxMemory, long bulkDataThreshold, boolean unknownSequences) {

    private static final ReadOptions DEFAULTS = new ReadOptions(64, 64L << 20, 512L << 20, 4096, false);

    public ReadOptions {
        if (maxDepth < 1 || maxValueLength < 0 || maxMemory < 0 || bulkDataThreshold < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Depth 64, values up to 64 MiB, 512 MiB per read, bulk data above 4 KiB (as DCMTK's dcmdump skips). */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    public ReadOptions withMaxDepth(int depth) {
        return new ReadOptions(depth, maxValueLength, maxMemory, bulkDataThreshold, unknownSequences);
    }

    public ReadOptions withMaxValueLength(long bytes) {
        return new ReadOptions(maxDepth, bytes, maxMemory, bulkDataThreshold, unknownSequences);
    }

    public ReadOptions withMaxMemory(long bytes) {
        return new ReadOptions(maxDepth, maxValueLength, bytes, bulkDataThreshold, unknownSequences);
    }

    public ReadOptions withBulkDataThreshold(long bytes) {
        return new ReadOptions(maxDepth, maxValueLength, maxMemory, bytes, unknownSequences);
    }

    public ReadOptions withUnknownSequences(boolean parse) {
        return new ReadOptions(maxDepth, maxValueLength, maxMemory, bulkDataThreshold, parse);
    }
}
