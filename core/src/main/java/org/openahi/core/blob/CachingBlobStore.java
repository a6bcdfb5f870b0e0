package org.openahi.core.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The blobs read most often, kept in memory within a bound on their bytes ({@link ByteCache}), in
 * front of a blob store: GetImageSetMetadata, GetImageFrame and DICOMweb retrieves of the same image sets then read
 * them once from the disk or S3, and decrypt them once. A blob bigger than an eighth of the bound is not kept, so one
 * large frame cannot empty the cache.
 *
 * <p>Entries are keyed by blob key alone, and a blob's bytes never change once written (a key is named after the work
 * that wrote it and is never reused for other bytes), so an entry is never stale and nothing needs invalidating, on
 * this node or across several: which blob a read wants comes from the database, so a deleted image set's or an older
 * version's blobs are no longer asked for, whichever node deleted or updated it. Deletes through this store evict.
 */
public final class CachingBlobStore implements BlobStore {
    private final BlobStore blobs;
    private final ByteCache entries;
    private final int maxEntryBytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** @param maxBytes the most bytes kept; 0 keeps none */
    public CachingBlobStore(BlobStore blobs, long maxBytes) {
        this.entries = new ByteCache(maxBytes);
        this.blobs = blobs;
        this.maxEntryBytes = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes / 8);
    }

    @Override
    public InputStream get(String key) throws IOException {
        byte[] cached = entries.get(key);
        if (cached != null) {
            hits.incrementAndGet();
            return new ByteArrayInputStream(cached);
        }
        misses.incrementAndGet();
        InputStream in = blobs.get(key);
        if (maxEntryBytes == 0) {
            return in;
        }
        try {
            byte[] head = in.readNBytes(maxEntryBytes + 1);
            if (head.length > maxEntryBytes) {
                return new SequenceInputStream(new ByteArrayInputStream(head), in);
            }
            in.close();
            entries.put(key, head);
            return new ByteArrayInputStream(head);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        entries.remove(key);
        blobs.put(key, content, length);
    }

    @Override
    public void delete(String key) throws IOException {
        entries.remove(key);
        blobs.delete(key);
    }

    @Override
    public Stream<BlobInfo> list(String prefix) throws IOException {
        return blobs.list(prefix);
    }

    @Override
    public void close() {
        blobs.close();
    }

    /** Reads answered from memory, and those that went to the store, since it was made. */
    public record Counts(long hits, long misses, long bytes) {}

    public Counts counts() {
        return new Counts(hits.get(), misses.get(), entries.bytes());
    }
}
