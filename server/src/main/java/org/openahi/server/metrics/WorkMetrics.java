package org.openahi.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.openahi.core.work.LeasedWorkers;
import org.openahi.core.work.WorkMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work: items running on this node and how runs ended, by kind ({@code import}, {@code imageset},
 * {@code export}, {@code events}); lease take-overs; files import jobs read (their rate is the import's files/s); and
 * the import queue, import jobs SUBMITTED or IN_PROGRESS on any node, read from the database at each scrape.
 */
public final class WorkMetrics implements WorkMeter {
    private static final Logger LOG = LoggerFactory.getLogger(WorkMetrics.class);

    private final Metrics metrics;
    private final Counter takeOvers;
    private final Counter ended;
    private final Counter importedFiles;

    public WorkMetrics(Metrics metrics) {
        this.metrics = metrics;
        takeOvers = Counter.builder()
                .name("openahi_work_takeovers_total")
                .help("Background work items this node took over after their earlier runner's lease ran out, by kind")
                .labelNames("kind")
                .constLabels(metrics.node())
                .register(metrics.registry());
        ended = Counter.builder()
                .name("openahi_work_ended_total")
                .help("Runs of background work ended on this node, by kind and outcome (done, failed, given_up, "
                        + "stopped, lost: another node took it over)")
                .labelNames("kind", "outcome")
                .constLabels(metrics.node())
                .register(metrics.registry());
        importedFiles = Counter.builder()
                .name("openahi_import_files_total")
                .help("Files import jobs read on this node, by outcome (imported, failed)")
                .labelNames("outcome")
                .constLabels(metrics.node())
                .register(metrics.registry());
    }

    /** Registers the gauge of items running on this node, one series per kind of the runners. */
    public void watch(List<? extends LeasedWorkers<?, ?>> runners) {
        GaugeWithCallback.builder()
                .name("openahi_work_running")
                .help("Background work items running on this node, by kind")
                .labelNames("kind")
                .constLabels(metrics.node())
                .callback(callback -> runners.forEach(runner -> callback.call(runner.running(), runner.name())))
                .register(metrics.registry());
    }

    /**
     * Registers the import queue's gauge: {@code unfinishedJobs} is asked at each scrape; when it fails (the database
     * does not answer) the scrape goes without the series rather than failing.
     */
    public void watchImportQueue(IntSupplier unfinishedJobs) {
        GaugeWithCallback.builder()
                .name("openahi_import_jobs_unfinished")
                .help("Import jobs SUBMITTED or IN_PROGRESS, on every node (read from the database)")
                .constLabels(metrics.node())
                .callback(callback -> {
                    try {
                        callback.call(unfinishedJobs.getAsInt());
                    } catch (RuntimeException e) {
                        LOG.debug("The import queue's length could not be read: {}", e.getMessage());
                    }
                })
                .register(metrics.registry());
    }

    /** Registers the gauge of uncompressed frames waiting to be encoded (docs/decisions.md). */
    public void watchPendingFrames(LongSupplier backlogBytes) {
        GaugeWithCallback.builder()
                .name("openahi_pending_frame_bytes")
                .help("Bytes of uncompressed frames stored as they came, waiting to be encoded, on this node")
                .constLabels(metrics.node())
                .callback(callback -> callback.call(backlogBytes.getAsLong()))
                .register(metrics.registry());
    }

    @Override
    public void tookOver(String kind) {
        takeOvers.labelValues(kind).inc();
    }

    @Override
    public void ended(String kind, String outcome) {
        ended.labelValues(kind, outcome).inc();
    }

    @Override
    public void importedFile(boolean imported) {
        importedFiles.labelValues(imported ? "imported" : "failed").inc();
    }
}
