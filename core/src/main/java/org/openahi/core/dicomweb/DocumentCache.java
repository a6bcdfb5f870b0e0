package org.openahi.core.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.MetadataTrees;

/**
 * Parsed metadata documents by blob key, the least asked for evicted first (W-TinyLFU, as in
 * {@link org.openahi.core.blob.ByteCache}). A version's document never changes, so an entry is never stale. The bound
 * is on the documents' uncompressed JSON size, which a parsed tree exceeds by a small factor; a document larger than
 * the bound is not kept. DICOMweb requests for frames of one series then parse its document once, not once per frame.
 */
public final class DocumentCache {
    private record Entry(JsonNode document, int jsonBytes) {}

    private final DocumentBlobs store;
    private final long maxJsonBytes;
    private final Cache<String, Entry> entries;

    public DocumentCache(DocumentBlobs store, long maxJsonBytes) {
        this.store = store;
        this.maxJsonBytes = maxJsonBytes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxJsonBytes)
                .<String, Entry>weigher((key, entry) -> entry.jsonBytes())
                .executor(Runnable::run)
                .build();
    }

    /** The parsed document; treat it as read-only, it is shared. */
    public JsonNode get(String blobKey) throws IOException {
        Entry cached = entries.getIfPresent(blobKey);
        if (cached != null) {
            return cached.document();
        }
        JsonNode document;
        long size;
        try (CountingInputStream in = new CountingInputStream(store.open(blobKey))) {
            document = MetadataTrees.read(in);
            size = in.count;
        }
        if (size <= maxJsonBytes) {
            entries.put(blobKey, new Entry(document, (int) Math.min(Integer.MAX_VALUE, size)));
        }
        return document;
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
