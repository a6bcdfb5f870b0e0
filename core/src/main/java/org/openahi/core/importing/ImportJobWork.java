package org.openahi.core.importing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openahi.core.blob.WorkOwners;
import org.openahi.core.store.Messages;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.FailureCode;
import org.openahi.core.work.Lease;
import org.openahi.core.work.LeasedWork;
import org.openahi.core.work.LeasedWorkers;
import org.openahi.core.work.WorkFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import jobs as leased background work ({@link LeasedWorkers} runs them): SUBMITTED ones, and IN_PROGRESS ones
 * whose runner died; each commit of a run (a file staged, progress, the image sets and outcomes, the end) checks its
 * lease. A job that was interrupted runs again, skipping the files an earlier run staged (nothing else of it was
 * committed); one interrupted after its commit only writes its manifests again, and is never given up for that.
 */
public final class ImportJobWork implements LeasedWork<String, ImportJob> {
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobWork.class);
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;
    private static final int OUTPUT_ATTEMPTS = 4;
    private static final Duration OUTPUT_RETRY_DELAY = Duration.ofMillis(500);

    private final MetadataStore store;
    private final ImportStorage storage;
    private final JobImporter importer;
    private final JobManifests manifests;
    private final Clock clock;
    private final Map<String, Long> lastProgressWrite = new ConcurrentHashMap<>();

    public ImportJobWork(
            MetadataStore store, ImportStorage storage, JobImporter importer, JobManifests manifests, Clock clock) {
        this.store = store;
        this.storage = storage;
        this.importer = importer;
        this.manifests = manifests;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public List<String> unclaimed(Transaction tx, Instant now, int limit) {
        return tx.importJobs().submitted(limit);
    }

    @Override
    public boolean started(Transaction tx, String jobId) {
        return tx.importJobs().start(jobId);
    }

    @Override
    public String leaseKey(String jobId) {
        return jobId;
    }

    @Override
    public String key(String leaseKey) {
        return leaseKey;
    }

    @Override
    public Optional<ImportJob> find(Transaction tx, String jobId) {
        return tx.importJobs().find(jobId);
    }

    /** A committed job only writes its manifests again: that is never given up. */
    @Override
    public int attempts(ImportJob job) {
        return job.outputsPending() ? 0 : job.attempts();
    }

    @Override
    public boolean takenOnBefore(ImportJob job) {
        return job.attempts() > 1;
    }

    @Override
    public void run(ImportJob job, Lease lease) throws Exception {
        String jobId = job.id();
        try {
            if (!job.outputsPending()) {
                LOG.info(
                        "Import job {} started (attempt {}): {} -> {}",
                        jobId,
                        job.attempts(),
                        job.inputUri(),
                        job.outputUri());
                try (WorkOwners.Registration owner = WorkOwners.register(jobId, job.datastoreId())) {
                    importer.importFiles(job, lease, progress -> reportProgress(jobId, lease, progress));
                }
            }
            ImportJob committed = store.read(tx -> tx.importJobs().find(jobId)).orElseThrow();
            writeOutputs(committed);
            store.write(tx -> {
                lease.check(tx);
                tx.importJobs().setOutputsPending(jobId, false);
                tx.importJobs().finish(jobId, ImportJobStatus.COMPLETED, clock.instant(), Optional.empty());
                return null;
            });
            LOG.info(
                    "Import job {} COMPLETED: {} files, {} imported, {} failed",
                    jobId,
                    committed.progress().scanned(),
                    committed.progress().imported(),
                    committed.progress().failed());
        } finally {
            lastProgressWrite.remove(jobId);
        }
    }

    @Override
    public String givenUp(int maxAttempts) {
        return FailureCode.INTERRUPTED.message("the job was interrupted " + maxAttempts + " times (server restarts) "
                + "and was given up; no image set was changed by it");
    }

    @Override
    public String serverError(String jobId, Exception e) {
        return FailureCode.INTERNAL_ERROR.message("the job failed on a server error ("
                + e.getClass().getSimpleName() + "); see the server log for job " + jobId);
    }

    /** Records progress at most once a second per job, and always the last report. */
    private void reportProgress(String jobId, Lease lease, ImportProgress progress) {
        long now = System.nanoTime();
        Long last = lastProgressWrite.get(jobId);
        boolean finished = progress.processed() == progress.scanned();
        if (last != null && now - last < PROGRESS_INTERVAL_NANOS && !finished) {
            return;
        }
        lastProgressWrite.put(jobId, now);
        String message = FailureCode.IN_PROGRESS.message(progress.processed() + " of " + progress.scanned()
                + " files processed, " + progress.imported() + " imported, " + progress.failed() + " failed");
        store.write(tx -> {
            lease.check(tx);
            tx.importJobs().updateProgress(jobId, progress, Optional.of(message));
            return null;
        });
    }

    /**
     * Writes the manifests of a committed job, retrying with backoff: its image sets exist whatever happens here,
     * so a failure is reported as such rather than as a failed import.
     */
    private void writeOutputs(ImportJob job) throws WorkFailedException, InterruptedException {
        List<FileOutcome> outcomes = store.read(tx -> tx.importJobs().outcomes(job.id()));
        Map<String, byte[]> files = manifests.render(job, job.progress().scanned(), outcomes);
        for (int attempt = 1; ; attempt++) {
            try {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    storage.write(job.outputUri(), file.getKey(), file.getValue());
                }
                return;
            } catch (IOException e) {
                if (attempt == OUTPUT_ATTEMPTS) {
                    throw new WorkFailedException(
                            FailureCode.OUTPUT_WRITE_FAILED,
                            "the image sets of this job were imported, " + "but its manifests could not be written to "
                                    + job.outputUri() + ": " + e.getMessage(),
                            e);
                }
                LOG.warn(
                        "Import job {}: writing its manifests failed (attempt {}), retrying: {}",
                        job.id(),
                        attempt,
                        e.getMessage());
                Thread.sleep(OUTPUT_RETRY_DELAY.toMillis() << (attempt - 1));
            }
        }
    }

    @Override
    public void fail(ImportJob job, Lease lease, String message) {
        store.write(tx -> {
            lease.check(tx);
            tx.staging().deleteStagedBy(job.id());
            tx.importJobs()
                    .finish(job.id(), ImportJobStatus.FAILED, clock.instant(), Optional.of(Messages.fit(message)));
            return null;
        });
        LOG.warn("Import job {} FAILED: {}", job.id(), message);
    }

    @Override
    public boolean ended(Transaction tx, String jobId) {
        return tx.importJobs()
                .find(jobId)
                .map(job -> job.status() == ImportJobStatus.COMPLETED || job.status() == ImportJobStatus.FAILED)
                .orElse(false);
    }

    @Override
    public String workId(String jobId) {
        return jobId;
    }
}
