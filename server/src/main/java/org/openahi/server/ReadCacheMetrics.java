package org.openahi.server;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.openahi.core.blob.CachingBlobStore;

/** The read cache's metrics (OPENAHI_CACHE_BYTES): blob reads by result, and the bytes it holds. */
final class ReadCacheMetrics {
    private ReadCacheMetrics() {}

    static void register(PrometheusRegistry registry, CachingBlobStore cache) {
        CounterWithCallback.builder()
                .name("openahi_read_cache_reads_total")
                .help("Metadata document and frame reads through the read cache, by result (hit, miss)")
                .labelNames("result")
                .callback(callback -> {
                    CachingBlobStore.Counts counts = cache.counts();
                    callback.call(counts.hits(), "hit");
                    callback.call(counts.misses(), "miss");
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("openahi_read_cache_bytes")
                .help("Bytes the read cache holds")
                .callback(callback -> callback.call(cache.counts().bytes()))
                .register(registry);
    }
}
