package org.openahi.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;
import org.openahi.store.fs.FileSystemBlobStore;

class MeteredBlobStoreTest {
    private static final Labels NODE = Labels.of("node", "blob-node");

    @Test
    void operationsAreTimedAndFailuresCountedByOperation(@TempDir Path root) throws IOException {
        Metrics metrics = new Metrics("blob-node");
        try (BlobStore blobs =
                new MeteredBlobStore(new FileSystemBlobStore(root), new MeteredBlobStore.Instruments(metrics))) {
            byte[] bytes = "frame".getBytes(StandardCharsets.US_ASCII);
            blobs.put("frames/a", new ByteArrayInputStream(bytes), bytes.length);
            try (InputStream read = blobs.get("frames/a")) {
                assertThat(read.readAllBytes()).isEqualTo(bytes);
            }
            // "Not found" is the store's answer, not its failure.
            assertThatThrownBy(() -> blobs.get("frames/none")).isInstanceOf(BlobNotFoundException.class);
            assertThat(errors(metrics, "put")).isZero();

            // Five bytes promised, two given: the store refuses the put.
            assertThatThrownBy(() -> blobs.put("frames/b", new ByteArrayInputStream(new byte[2]), 5))
                    .isInstanceOf(IOException.class);

            assertThat(errors(metrics, "put")).isEqualTo(1);
            assertThat(errors(metrics, "get")).isZero();
            assertThat(timed(metrics, "put")).isEqualTo(2);
            assertThat(timed(metrics, "get")).isEqualTo(2);
            assertThat(timed(metrics, "delete")).isZero();
        }
    }

    private static double errors(Metrics metrics, String operation) {
        return ((CounterSnapshot) snapshot(metrics, "openahi_blob_operation_errors"))
                .getDataPoints().stream()
                        .filter(point -> point.getLabels().equals(NODE.add("operation", operation)))
                        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                        .sum();
    }

    private static long timed(Metrics metrics, String operation) {
        return ((HistogramSnapshot) snapshot(metrics, "openahi_blob_operation_duration_seconds"))
                .getDataPoints().stream()
                        .filter(point -> point.getLabels().equals(NODE.add("operation", operation)))
                        .mapToLong(HistogramSnapshot.HistogramDataPointSnapshot::getCount)
                        .sum();
    }

    private static MetricSnapshot snapshot(Metrics metrics, String name) {
        return metrics.registry().scrape().stream()
                .filter(snapshot -> snapshot.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
