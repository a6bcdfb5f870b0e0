package org.openahi.core.pixels;

import java.util.OptionalLong;

/**
 * A frame ready to store: its bytes, and what the metadata document says of it (decoded size, smallest and
 * largest sample, full-resolution size and CRC32 of the decoded buffer).
 */
public record EncodedFrame(
        byte[] bytes,
        long frameSizeInBytes,
        OptionalLong minPixelValue,
        OptionalLong maxPixelValue,
        int width,
        int height,
        long checksum) {}
