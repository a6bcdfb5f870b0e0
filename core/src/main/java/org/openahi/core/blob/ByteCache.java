package org.openahi.core.blob;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Byte arrays by key within a bound on their total length; safe for concurrent use. A value longer than the bound is
 * not kept. The read cache ({@link CachingBlobStore}) and DICOMweb's decoded frames keep their bytes here.
 *
 * <p>Caffeine's W-TinyLFU policy decides what stays: a newcomer only displaces an entry asked for less often. Under a
 * least-recently-used policy, clients cycling through more frames than the bound holds (a viewer scrolling a series, a
 * benchmark) evict every frame before it is asked for again: every read misses and every entry turns into garbage
 * in the old generation, which the collector then has to compact in long pauses. Eviction runs on the calling thread.
 */
public final class ByteCache {
    private final long maxBytes;
    private final Cache<String, byte[]> entries;

    /** @param maxBytes the most bytes kept; 0 keeps none */
    public ByteCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("A cache cannot hold " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<String, byte[]>weigher((key, value) -> value.length)
                .executor(Runnable::run)
                .build();
    }

    /** The value; null when it is not kept. Shared: treat it as read-only. */
    public byte[] get(String key) {
        return entries.getIfPresent(key);
    }

    /** Offers the value to the cache (never kept when longer than the bound). */
    public void put(String key, byte[] value) {
        if (value.length <= maxBytes) {
            entries.put(key, value);
        }
    }

    public void remove(String key) {
        entries.invalidate(key);
    }

    /** The bytes kept now. */
    public long bytes() {
        return entries.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }
}
