package org.openahi.core.blob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The blob store port: immutable byte objects (frames, metadata documents) under keys such as
 * {@code frames/<id>}. A put is atomic and durable when it returns: readers see the whole object or none,
 * and it survives a crash. Blobs are written before the metadata rows that reference them are committed,
 * and {@link #list(String)} lets a cleanup reclaim blobs that no row references.
 */
public interface BlobStore extends AutoCloseable {

    /** Stores exactly {@code length} bytes read from {@code content} under {@code key}, replacing any blob there. */
    void put(String key, InputStream content, long length) throws IOException;

    /** The blob's bytes; {@link BlobNotFoundException} when there is none. */
    InputStream get(String key) throws IOException;

    /** Removes the blob; removing one that does not exist is not an error. */
    void delete(String key) throws IOException;

    /**
     * The blobs whose keys start with {@code prefix} — empty for all, otherwise a folder ending in '/' — for
     * cleanup. The stream must be closed.
     */
    Stream<BlobInfo> list(String prefix) throws IOException;

    record BlobInfo(String key, long size, Instant lastModified) {}

    @Override
    void close();
}
