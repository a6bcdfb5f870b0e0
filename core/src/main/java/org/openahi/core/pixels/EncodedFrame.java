package org.openahi.core.pixels;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A frame ready to store: its bytes, and what the metadata document says of it (decoded size, smallest and
 * largest sample, full-resolution size and CRC32 of the decoded buffer); for a transcoded frame, its verified decoded
 * samples as native pixel data, exactly what decoding the stored frame gives a client asking for uncompressed pixels,
 * when that is known without more work ({@code nativePixels}, handed to the decoded frame tier once stored).
 */
public record EncodedFrame(
        byte[] bytes,
        long frameSizeInBytes,
        OptionalLong minPixelValue,
        OptionalLong maxPixelValue,
        int width,
        int height,
        long checksum,
        Optional<byte[]> nativePixels) {}
