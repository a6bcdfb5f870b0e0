package org.openahi.core.metadata;

import java.util.OptionalLong;

/**
 * One stored frame as the metadata document describes it in {@code ImageFrames}: its id, the size of its
 * decoded pixels (or of the original bit stream for frames kept as they arrived), the smallest and largest
 * sample (unknown for frames kept as they arrived) and the CRC32 of its full-resolution decoded buffer.
 */
public record FrameRecord(
        String id,
        long frameSizeInBytes,
        OptionalLong minPixelValue,
        OptionalLong maxPixelValue,
        int width,
        int height,
        long checksum) {}
