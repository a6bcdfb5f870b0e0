package org.openahi.core.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.MetadataTrees;

/**
 * Parsed metadata documents by blob key, least recently used evicted first. A version's document never changes,
 * so an entry is never stale. The bound is on the documents' uncompressed JSON size, which a parsed tree
 * exceeds by a small factor: DICOMweb requests for frames of one series then parse its document once, not once
 * per frame.
 */
public final class DocumentCache {
    private record Entry(JsonNode document, long jsonBytes) {}

    private final DocumentBlobs store;
    private final long maxJsonBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long jsonBytes;

    public DocumentCache(DocumentBlobs store, long maxJsonBytes) {
        this.store = store;
        this.maxJsonBytes = maxJsonBytes;
    }

    /** The parsed document; treat it as read-only, it is shared. */
    public JsonNode get(String blobKey) throws IOException {
        synchronized (this) {
            Entry cached = entries.get(blobKey);
            if (cached != null) {
                return cached.document();
            }
        }
        JsonNode document;
        long size;
        try (CountingInputStream in = new CountingInputStream(store.open(blobKey))) {
            document = MetadataTrees.read(in);
            size = in.count;
        }
        synchronized (this) {
            if (entries.put(blobKey, new Entry(document, size)) == null) {
                jsonBytes += size;
            }
            Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
            while (jsonBytes > maxJsonBytes && oldest.hasNext()) {
                Map.Entry<String, Entry> evicted = oldest.next();
                if (evicted.getKey().equals(blobKey)) {
                    continue;
                }
                jsonBytes -= evicted.getValue().jsonBytes();
                oldest.remove();
            }
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
