package org.openahi.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;

/**
 * A blob store that times each operation ({@code put}, {@code get}, {@code delete}, {@code list}) and counts those
 * that failed. A get is timed until its stream is handed back (the store's answer, not the reading of the bytes);
 * "not found" is an answer, not an error.
 */
public final class MeteredBlobStore implements BlobStore {
    private final BlobStore delegate;
    private final Instruments instruments;

    /** The metrics every metered store of a node records in. */
    public static final class Instruments {
        private final Histogram latency;
        private final Counter errors;

        public Instruments(Metrics metrics) {
            latency = Histogram.builder()
                    .name("openahi_blob_operation_duration_seconds")
                    .help("Time the blob store took to answer, by operation (put, get, delete, list)")
                    .labelNames("operation")
                    .constLabels(metrics.node())
                    .classicOnly()
                    .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                    .register(metrics.registry());
            errors = Counter.builder()
                    .name("openahi_blob_operation_errors_total")
                    .help("Blob store operations that failed, by operation")
                    .labelNames("operation")
                    .constLabels(metrics.node())
                    .register(metrics.registry());
        }
    }

    public MeteredBlobStore(BlobStore delegate, Instruments instruments) {
        this.delegate = delegate;
        this.instruments = instruments;
    }

    @FunctionalInterface
    private interface Operation<T> {
        T run() throws IOException;
    }

    private <T> T timed(String operation, Operation<T> work) throws IOException {
        long start = System.nanoTime();
        try {
            return work.run();
        } catch (BlobNotFoundException notFound) {
            throw notFound;
        } catch (IOException | RuntimeException e) {
            instruments.errors.labelValues(operation).inc();
            throw e;
        } finally {
            instruments.latency.labelValues(operation).observe((System.nanoTime() - start) / 1e9);
        }
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        timed("put", () -> {
            delegate.put(key, content, length);
            return null;
        });
    }

    @Override
    public InputStream get(String key) throws IOException {
        return timed("get", () -> delegate.get(key));
    }

    @Override
    public void delete(String key) throws IOException {
        timed("delete", () -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public Stream<BlobInfo> list(String prefix) throws IOException {
        return timed("list", () -> delegate.list(prefix));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
