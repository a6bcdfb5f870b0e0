package org.openahi.server.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import org.openahi.core.blob.CachingBlobStore;

/** The read cache (OPENAHI_CACHE_BYTES): metadata document and frame reads by result, and the bytes it holds. */
public final class ReadCacheMetrics {
    private ReadCacheMetrics() {}

    public static void register(Metrics metrics, CachingBlobStore cache) {
        CounterWithCallback.builder()
                .name("openahi_read_cache_reads_total")
                .help("Metadata document and frame reads through the read cache, by result (hit, miss)")
                .labelNames("result")
                .constLabels(metrics.node())
                .callback(callback -> {
                    CachingBlobStore.Counts counts = cache.counts();
                    callback.call(counts.hits(), "hit");
                    callback.call(counts.misses(), "miss");
                })
                .register(metrics.registry());
        GaugeWithCallback.builder()
                .name("openahi_read_cache_bytes")
                .help("Bytes the read cache holds")
                .constLabels(metrics.node())
                .callback(callback -> callback.call(cache.counts().bytes()))
                .register(metrics.registry());
    }
}
