package org.openahi.core.memory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;

/** Blobs on the heap, by key; a put replaces the whole blob at once, so readers see all of it or none. */
public final class MemoryBlobStore implements BlobStore {
    private final ConcurrentSkipListMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private final Clock clock;

    public MemoryBlobStore() {
        this(Clock.systemUTC());
    }

    /** A store that stamps each put with {@code clock}'s time (what the blob cleanup judges ages by). */
    public MemoryBlobStore(Clock clock) {
        this.clock = clock;
    }

    private record Blob(byte[] bytes, Instant lastModified) {}

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("Blob " + key + ": a length of " + length + " bytes does not fit in memory");
        }
        byte[] bytes = content.readNBytes((int) length);
        if (bytes.length != length) {
            throw new IOException("Blob " + key + ": the content ended after " + bytes.length + " of " + length
                    + " bytes; nothing was stored");
        }
        blobs.put(key, new Blob(bytes, clock.instant()));
    }

    @Override
    public InputStream get(String key) {
        Blob blob = blobs.get(key);
        if (blob == null) {
            throw new BlobNotFoundException(key);
        }
        return new ByteArrayInputStream(blob.bytes());
    }

    @Override
    public void delete(String key) {
        blobs.remove(key);
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        List<BlobInfo> found = blobs.tailMap(prefix).entrySet().stream()
                .takeWhile(entry -> entry.getKey().startsWith(prefix))
                .map(entry -> new BlobInfo(
                        entry.getKey(),
                        entry.getValue().bytes().length,
                        entry.getValue().lastModified()))
                .toList();
        return found.stream();
    }

    @Override
    public void close() {
        // Nothing to release: the blobs go with the object.
    }
}
