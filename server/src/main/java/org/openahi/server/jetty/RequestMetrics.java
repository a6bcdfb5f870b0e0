package org.openahi.server.jetty;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import org.openahi.server.metrics.Metrics;

/**
 * Request count and latency per operation (an AHI operation, a DICOMweb route's action, or the server's own) and HTTP
 * status, registered with the node's other metrics, which {@code /_openahi/metrics} serves.
 */
final class RequestMetrics {
    private final Metrics metrics;
    private final Counter requests;
    private final Histogram latency;

    RequestMetrics(Metrics metrics) {
        this.metrics = metrics;
        requests = Counter.builder()
                .name("openahi_requests_total")
                .help("Requests answered, by operation and HTTP status")
                .labelNames("operation", "status")
                .constLabels(metrics.node())
                .register(metrics.registry());
        latency = Histogram.builder()
                .name("openahi_request_duration_seconds")
                .help("Time from request to response, by operation and HTTP status")
                .labelNames("operation", "status")
                .constLabels(metrics.node())
                .classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(metrics.registry());
    }

    void record(String operation, int status, long nanos) {
        String statusLabel = Integer.toString(status);
        requests.labelValues(operation, statusLabel).inc();
        latency.labelValues(operation, statusLabel).observe(nanos / 1e9);
    }

    /** The node's metrics, for {@code /_openahi/metrics}. */
    Metrics all() {
        return metrics;
    }
}
