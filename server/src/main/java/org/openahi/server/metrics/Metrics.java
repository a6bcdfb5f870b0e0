package org.openahi.server.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The node's metrics, served at {@code /_openahi/metrics} in Prometheus' text format: the JVM's (memory, garbage
 * collection, threads, classes, buffer pools) and each component's, which registers its own here. Every metric carries
 * the node's name ({@code OPENAHI_NODE_NAME}) as the label {@code node}, so the series of several nodes stay apart
 * however they are gathered.
 */
public final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Labels node;
    private boolean jvmRegistered;

    public Metrics(String nodeName) {
        this.node = Labels.of("node", nodeName);
    }

    /** Where components register their metrics, each built with {@link #node()} as its constant labels. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The label every metric carries. */
    public Labels node() {
        return node;
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** Every metric now, in Prometheus' text format. */
    public byte[] scrape() {
        registerJvmMetrics();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * At the first scrape rather than at start: the JVM's metrics load the management beans, work the start path
     * (docs: DEVELOPERS.md, Start-up) does without. Allocation counts begin then too.
     */
    private synchronized void registerJvmMetrics() {
        if (!jvmRegistered) {
            JvmMetrics.builder().constLabels(node).register(registry);
            jvmRegistered = true;
        }
    }
}
