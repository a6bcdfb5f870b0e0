package org.openahi.dicom.io;

import java.io.IOException;
import java.io.InputStream;

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

    /** The frame in memory. */
    public byte[] readAllBytes() throws IOException {
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        }
    }
}
