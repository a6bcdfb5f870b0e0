package org.openahi.server;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.dicomweb.DecodedFrameFiles;
import org.openahi.core.dicomweb.DicomWebIndexBackfill;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.core.events.DeliveryCursor;
import org.openahi.core.events.EventDeliveryWork;
import org.openahi.core.exporting.ExportJob;
import org.openahi.core.exporting.ExportJobWork;
import org.openahi.core.imageset.ImageSetWork;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.importing.DicomJobImporter;
import org.openahi.core.importing.FoldRunner;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobWork;
import org.openahi.core.importing.PendingFrames;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.tier.BlobMover;
import org.openahi.core.tier.StorageTiers;
import org.openahi.core.work.LeasedWorkers;
import org.openahi.core.work.WorkMeter;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.server.aws.ImportManifests;
import org.openahi.server.config.ServerConfig;
import org.openahi.server.events.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that runs in the background: the leased work (import jobs, image set work, export jobs, event
 * delivery), the fold of staged instances, the pools instances are read on, and maintenance (blob cleanup, DICOMweb
 * index backfill, the storage tier sweep, pruning delivered events). Built and registered with {@link Started} before
 * the front doors, so a start that fails later stops them.
 */
record Background(
        ExecutorService importWorkers,
        ExecutorService stowWorkers,
        ExecutorService dimseWorkers,
        FoldRunner folds,
        PendingFrames pendingFrames,
        LeasedWorkers<PendingWork.Key, PendingWork> imageSetWork,
        LeasedWorkers<String, ImportJob> importJobs,
        LeasedWorkers<String, ExportJob> exportJobs,
        EventDeliveryWork eventWork,
        LeasedWorkers<String, DeliveryCursor> eventDelivery,
        ScheduledExecutorService maintenance) {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    /** Interrupted runs of background work (server restarts) before it is given up as failed. */
    private static final int MAX_ATTEMPTS = 3;

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    /** Image set updates, copies and deletes run at once; each is mostly one document and one transaction. */
    private static final int IMAGE_SET_WORK_PARALLELISM = 4;

    private static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);
    /**
     * Pending frames are encoded once the intake has been idle this long; a replaced one is deleted this much later
     * (a reader that found its row a moment before has opened it by then: an open file outlives its deletion).
     */
    private static final long PENDING_FRAMES_QUIET_MILLIS = 1_000;

    private static final long PENDING_FRAME_KEPT_MILLIS = 5_000;

    /** @param meter told how background work goes, for the metrics */
    static Background create(ServerConfig config, Clock clock, Domain.Shared shared, Started started, WorkMeter meter) {
        ServerConfig.Imports imports = config.imports();
        Duration lease = Duration.ofSeconds(config.background().leaseSeconds());
        MetadataStore store = shared.store();
        // STOW-RS requests and C-STOREs read their instances on their own pools, so they never queue behind a large
        // import job. Those pools have twice the import's workers: each client waits for its instance's fold, so a
        // fold takes in the instances being read when it starts, and with as many workers as cores (two), four STOW-RS
        // clients were read two at a time (4 clients x 1,000 single-instance requests: 101-123 instances/s against
        // 119-143 with four workers, less CPU; the import's rate did not change with four; docs/benchmarks.md).
        ExecutorService importWorkers = pool(started, imports.workers(), "openahi-import-worker-");
        ExecutorService stowWorkers = pool(started, 2 * imports.workers(), "openahi-stow-worker-");
        ExecutorService dimseWorkers = pool(started, 2 * imports.workers(), "openahi-dimse-worker-");
        // Instances sent by clients (STOW-RS, DIMSE C-STORE) are folded into image sets by this one fold runner.
        FoldRunner folds = started.add(
                new FoldRunner(store, shared.blobs(), clock, new FoldRunner.Settings(lease, POLL_INTERVAL)));
        PendingFrames pendingFrames = started.add(new PendingFrames(
                store,
                shared.blobs(),
                shared.transcoder(),
                new PendingFrames.Settings(
                        config.background().pendingFrameBytes(),
                        PENDING_FRAMES_QUIET_MILLIS,
                        PENDING_FRAME_KEPT_MILLIS)));
        pendingFrames.start();
        LeasedWorkers<PendingWork.Key, PendingWork> imageSetWork = started.add(new LeasedWorkers<>(
                new ImageSetWork(store, shared.blobs(), shared.documents(), shared.versions(), clock),
                store,
                shared.cleanup(),
                clock,
                new LeasedWorkers.Settings(
                        config.nodeName(), IMAGE_SET_WORK_PARALLELISM, lease, MAX_ATTEMPTS, POLL_INTERVAL),
                meter));
        DicomJobImporter importer = new DicomJobImporter(
                store,
                shared.blobs(),
                shared.importStorage(),
                shared.transcoder(),
                pendingFrames,
                ReadOptions.defaults(),
                importWorkers,
                shared.importLimits(),
                clock,
                meter);
        LeasedWorkers<String, ImportJob> importJobs = started.add(new LeasedWorkers<>(
                new ImportJobWork(store, shared.importStorage(), importer, new ImportManifests(), clock),
                store,
                shared.cleanup(),
                clock,
                new LeasedWorkers.Settings(
                        config.nodeName(), imports.parallelJobs(), lease, MAX_ATTEMPTS, POLL_INTERVAL),
                meter));
        LeasedWorkers<String, ExportJob> exportJobs = started.add(new LeasedWorkers<>(
                new ExportJobWork(
                        store,
                        shared.dicomWebReads(),
                        // An export reads each frame once: from the blob store itself, not through the read cache
                        // and the decoded frame cache, which it would fill with what clients are not reading.
                        new StoredInstances(
                                shared.dicomWebReads(),
                                new FrameReader(shared.blobs(), shared.transcoder(), 0, DecodedFrameFiles.off())),
                        shared.importStorage(),
                        clock),
                store,
                shared.cleanup(),
                clock,
                new LeasedWorkers.Settings(
                        config.nodeName(), imports.parallelJobs(), lease, MAX_ATTEMPTS, POLL_INTERVAL),
                meter));
        EventDeliveryWork eventWork = new EventDeliveryWork(
                store, Webhooks.receivers(config.events()), clock, Webhooks.settings(config.events()));
        LeasedWorkers<String, DeliveryCursor> eventDelivery = started.add(new LeasedWorkers<>(
                eventWork,
                store,
                shared.cleanup(),
                clock,
                new LeasedWorkers.Settings(
                        config.nodeName(), eventWork.parallelism(), lease, MAX_ATTEMPTS, POLL_INTERVAL),
                meter));
        // Closed before its runner: a delivery in progress stops at the next event instead of being waited for.
        started.add(eventWork, eventWork::stop);
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("openahi-maintenance").daemon().factory());
        started.add(maintenance, maintenance::shutdownNow);
        return new Background(
                importWorkers,
                stowWorkers,
                dimseWorkers,
                folds,
                pendingFrames,
                imageSetWork,
                importJobs,
                exportJobs,
                eventWork,
                eventDelivery,
                maintenance);
    }

    /** Every leased worker, for the metrics. */
    List<LeasedWorkers<?, ?>> runners() {
        return List.of(imageSetWork, importJobs, exportJobs, eventDelivery);
    }

    private static ExecutorService pool(Started started, int threads, String name) {
        ExecutorService pool = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().name(name, 0).factory());
        return started.add(pool, pool::shutdownNow);
    }

    /**
     * Starts the work: the hourly blob cleanup and event pruning, the one-time index backfill, the storage tier sweep,
     * the webhooks' cursors, the leased workers and the fold.
     */
    void start(ServerConfig config, Domain.Shared shared) {
        BlobCleanup cleanup = shared.cleanup();
        maintenance.scheduleWithFixedDelay(() -> cleanUp(cleanup), 0, CLEANUP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        maintenance.scheduleWithFixedDelay(this::pruneEvents, 0, CLEANUP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        Optional<BlobMover> mover = shared.archive().map(locations -> new BlobMover(shared.store(), locations));
        long sweepSeconds = config.tiers().sweepSeconds();
        maintenance.scheduleWithFixedDelay(
                () -> sweepTiers(shared.tiers(), mover), sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
        maintenance.execute(new DicomWebIndexBackfill(shared.store(), shared.versions())::run);
        importJobs.start();
        imageSetWork.start();
        exportJobs.start();
        eventWork.openCursors();
        eventDelivery.start();
        folds.start();
    }

    /**
     * Archives untouched image sets, then moves blobs to where their image sets' tiers want them. This and the other
     * periodic tasks catch Errors too: one escaping a task scheduled at a fixed delay would cancel it for good.
     */
    private static void sweepTiers(StorageTiers tiers, Optional<BlobMover> mover) {
        try {
            tiers.archiveUntouched();
            mover.ifPresent(BlobMover::moveMisplaced);
        } catch (RuntimeException | Error e) {
            LOG.warn("Storage tier sweep failed: {}", e.toString());
        }
    }

    private static void cleanUp(BlobCleanup cleanup) {
        try {
            cleanup.cleanAll();
        } catch (IOException | RuntimeException | Error e) {
            LOG.warn("Blob cleanup failed: {}", e.toString());
        }
    }

    private void pruneEvents() {
        try {
            eventWork.prune();
        } catch (RuntimeException | Error e) {
            LOG.warn("Pruning delivered events failed: {}", e.toString());
        }
    }
}
