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
 */
public record ReadOptions(int maxDepth, long maxValueLength, long maxMemory, long bulkDataThreshold) {

    private static final ReadOptions DEFAULTS = new ReadOptions(64, 64L << 20, 512L << 20, 4096);

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
        return new ReadOptions(depth, maxValueLength, maxMemory, bulkDataThreshold);
    }

    public ReadOptions withMaxValueLength(long bytes) {
        return new ReadOptions(maxDepth, bytes, maxMemory, bulkDataThreshold);
    }

    public ReadOptions withMaxMemory(long bytes) {
        return new ReadOptions(maxDepth, maxValueLength, bytes, bulkDataThreshold);
    }

    public ReadOptions withBulkDataThreshold(long bytes) {
        return new ReadOptions(maxDepth, maxValueLength, maxMemory, bytes);
    }
}
