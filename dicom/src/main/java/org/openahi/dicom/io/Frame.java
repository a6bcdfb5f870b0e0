package org.openahi.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One frame of Pixel Data: for native pixel data the frame's bytes (1-bit frames re-aligned to start at bit 0 of
 * their first byte; big-endian data in little-endian order), for encapsulated pixel data the concatenated contents
 * of the frame's fragments (the compressed bit stream).
 */
public final class Frame {

    /** Opens the frame's bytes. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private static final long EXACT_READ_BYTES = 16L * 1024 * 1024;

    private final int index;
    private final long length;
    private final Opener opener;

    Frame(int index, long length, Opener opener) {
        this.index = index;
        this.length = length;
        this.opener = opener;
    }

    /** Zero-based frame number. */
    public int index() {
        return index;
    }

    /** Length in bytes, or -1 when a stream does not tell it before the frame has been read. */
    public long length() {
        return length;
    }

    /**
     * The frame's bytes. From a file every call opens a new stream; from {@link DicomStream} the frame can be
     * read once, before the next frame is asked for.
     */
    public InputStream openStream() throws IOException {
        return opener.open();
    }

    /**
     * The frame in memory. A frame of known length up to {@link #EXACT_READ_BYTES} is read into an array of that size
     * (rather than grown chunk by chunk and copied); a longer declared length is not trusted with an allocation
     * before its bytes arrive.
     */
    public byte[] readAllBytes() throws IOException {
        try (InputStream in = openStream()) {
            if (length < 0 || length > EXACT_READ_BYTES) {
                return in.readAllBytes();
            }
            byte[] bytes = new byte[(int) length];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                return Arrays.copyOf(bytes, read);
            }
            byte[] rest = in.readAllBytes();
            if (rest.length == 0) {
                return bytes;
            }
            byte[] all = Arrays.copyOf(bytes, bytes.length + rest.length);
            System.arraycopy(rest, 0, all, bytes.length, rest.length);
            return all;
        }
    }
}
