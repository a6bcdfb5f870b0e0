package org.openahi.server.dimse;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.util.Locale;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.AssociationSummary;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.server.metrics.Metrics;

/**
 * The DICOM listener's metrics: requests performed and their duration by DIMSE service and status (four hex digits),
 * and associations by role and how they ended (released, rejected, aborted, lost).
 */
public final class DimseMetrics implements DimseObserver {
    private final Counter requests;
    private final Histogram latency;
    private final Counter associations;

    public DimseMetrics(Metrics metrics) {
        requests = Counter.builder()
                .name("openahi_dimse_requests_total")
                .help("DIMSE requests performed, by service and final status")
                .labelNames("service", "status")
                .constLabels(metrics.node())
                .register(metrics.registry());
        latency = Histogram.builder()
                .name("openahi_dimse_request_duration_seconds")
                .help("Time from a DIMSE request's arrival to its final response, by service and status")
                .labelNames("service", "status")
                .classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120)
                .constLabels(metrics.node())
                .register(metrics.registry());
        associations = Counter.builder()
                .name("openahi_dimse_associations_total")
                .help("DICOM associations ended, by role (acceptor, requestor) and outcome")
                .labelNames("role", "outcome")
                .constLabels(metrics.node())
                .register(metrics.registry());
    }

    @Override
    public void performed(String service, int status, Duration elapsed) {
        String statusLabel = Status.hex(status);
        requests.labelValues(service, statusLabel).inc();
        latency.labelValues(service, statusLabel).observe(elapsed.toNanos() / 1e9);
    }

    @Override
    public void ended(AssociationSummary summary) {
        associations
                .labelValues(summary.role().name().toLowerCase(Locale.ROOT), outcome(summary.outcome()))
                .inc();
    }

    /** The outcome's first word: released, rejected, aborted, connection (lost or closed), failed. */
    private static String outcome(String outcome) {
        int space = outcome.indexOf(' ');
        String first = (space < 0 ? outcome : outcome.substring(0, space)).replace(":", "");
        return first.equals("connection") ? "lost" : first;
    }
}
