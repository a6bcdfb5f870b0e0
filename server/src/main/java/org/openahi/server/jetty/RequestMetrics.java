package org.openahi.server.jetty;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Request count and latency per operation and status, registered in the server's registry (which other front doors,
 * such as the DICOM listener, register in too) and exposed with all of it in Prometheus' text format.
 */
final class RequestMetrics {
    private final PrometheusRegistry registry;
    private final Counter requests = Counter.builder()
            .name("openahi_requests_total")
            .help("Requests answered, by operation and HTTP status")
            .labelNames("operation", "status")
            .build();
    private final Histogram latency = Histogram.builder()
            .name("openahi_request_duration_seconds")
            .help("Time from request to response, by operation and HTTP status")
            .labelNames("operation", "status")
            .classicOnly()
            .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .build();

    RequestMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        registry.register(requests);
        registry.register(latency);
    }

    void record(String operation, int status, long nanos) {
        String statusLabel = Integer.toString(status);
        requests.labelValues(operation, statusLabel).inc();
        latency.labelValues(operation, statusLabel).observe(nanos / 1e9);
    }

    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
