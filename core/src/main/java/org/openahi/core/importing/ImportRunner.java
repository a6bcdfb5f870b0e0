package org.openahi.core.importing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.WorkOwners;
import org.openahi.core.store.Messages;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.LeasedWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs import jobs, claimed with a lease through {@link LeasedWorkers} so each job runs on one node and a job
 * whose node died is taken over. A job that was interrupted runs again from the start (nothing of it was
 * committed); one interrupted after its commit only writes its manifests again. A job interrupted
 * {@code maxAttempts} times ends FAILED.
 */
public final class ImportRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
  private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;
  private static final int OUTPUT_ATTEMPTS = 4;
  private static final Duration OUTPUT_RETRY_DELAY = Duration.ofMillis(500);

  /** How the runner runs: parallel jobs, lease length, attempts before giving up, polling interval. */
  public record Settings(int parallelJobs, Duration lease, int maxAttempts, Duration pollInterval) {
  }

  private final MetadataStore store;
  private final ImportStorage storage;
  private final JobImporter importer;
  private final BlobCleanup cleanup;
  private final Clock clock;
  private final int maxAttempts;
  private final LeasedWorkers<String> workers;
  private final Map<String, Long> lastProgressWrite = new ConcurrentHashMap<>();

  public ImportRunner(MetadataStore store, ImportStorage storage, JobImporter importer, BlobCleanup cleanup, Clock clock,
                      Settings settings) {
    this.store = store;
    this.storage = storage;
    this.importer = importer;
    this.cleanup = cleanup;
    this.clock = clock;
    this.maxAttempts = settings.maxAttempts();
    this.workers = new LeasedWorkers<>("import", store, new JobQueue(), this::run, clock,
        new LeasedWorkers.Settings(settings.parallelJobs(), settings.lease(), settings.pollInterval()));
  }

  /** Import jobs as leased work: SUBMITTED ones, and IN_PROGRESS ones whose runner died. */
  private static final class JobQueue implements LeasedWorkers.Queue<String> {
    @Override
    public List<String> claimable(Transaction tx, Instant now, int limit) {
      return tx.importJobs().claimable(now, limit).stream().map(ImportJob::id).toList();
    }

    @Override
    public boolean claim(Transaction tx, String jobId, String owner, Instant now, Instant leaseExpiresAt) {
      return tx.importJobs().claim(jobId, owner, now, leaseExpiresAt);
    }

    @Override
    public boolean renew(Transaction tx, String jobId, String owner, Instant leaseExpiresAt) {
      return tx.importJobs().renewLease(jobId, owner, leaseExpiresAt);
    }
  }

  public void start() {
    workers.start();
  }

  /** Looks for jobs now rather than at the next poll. */
  public void wake() {
    workers.wake();
  }

  private void run(String jobId) {
    try {
      ImportJob job = store.read(tx -> tx.importJobs().find(jobId)).orElseThrow();
      if (!job.outputsPending()) {
        if (job.attempts() > maxAttempts) {
          fail(job, "INTERRUPTED: the job was interrupted " + maxAttempts + " times (server restarts) "
              + "and was given up; no image set was changed by it");
          return;
        }
        LOG.info("Import job {} started (attempt {}): {} -> {}", jobId, job.attempts(), job.inputUri(), job.outputUri());
        try (WorkOwners.Registration owner = WorkOwners.register(jobId, job.datastoreId())) {
          importer.importFiles(job, progress -> reportProgress(jobId, progress));
        }
      }
      ImportJob committed = store.read(tx -> tx.importJobs().find(jobId)).orElseThrow();
      writeOutputs(committed);
      store.write(tx -> {
        tx.importJobs().setOutputsPending(jobId, false);
        tx.importJobs().finish(jobId, ImportJobStatus.COMPLETED, clock.instant(), Optional.empty());
        return null;
      });
      LOG.info("Import job {} COMPLETED: {} files, {} imported, {} failed", jobId, committed.progress().scanned(),
          committed.progress().imported(), committed.progress().failed());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.info("Import job {} stopped with the server; a server takes it over when its lease expires", jobId);
    } catch (JobFailedException e) {
      if (Thread.currentThread().isInterrupted()) {
        LOG.info("Import job {} stopped with the server; a server takes it over when its lease expires", jobId);
      } else {
        store.read(tx -> tx.importJobs().find(jobId)).ifPresent(job -> fail(job, e.getMessage()));
      }
    } catch (Exception e) {
      LOG.error("Import job {} failed unexpectedly", jobId, e);
      store.read(tx -> tx.importJobs().find(jobId)).ifPresent(job ->
          fail(job, "INTERNAL_ERROR: the job failed on a server error (" + e.getClass().getSimpleName()
              + "); see the server log for job " + jobId));
    } finally {
      cleanUp(jobId);
      lastProgressWrite.remove(jobId);
    }
  }

  /** Records progress at most once a second per job, and always the last report. */
  private void reportProgress(String jobId, ImportProgress progress) {
    long now = System.nanoTime();
    Long last = lastProgressWrite.get(jobId);
    boolean finished = progress.processed() == progress.scanned();
    if (last != null && now - last < PROGRESS_INTERVAL_NANOS && !finished) {
      return;
    }
    lastProgressWrite.put(jobId, now);
    String message = "IN_PROGRESS: " + progress.processed() + " of " + progress.scanned() + " files processed, "
        + progress.imported() + " imported, " + progress.failed() + " failed";
    store.write(tx -> {
      tx.importJobs().updateProgress(jobId, progress, Optional.of(message));
      return null;
    });
  }

  /**
   * Writes the manifests of a committed job, retrying with backoff: its image sets exist whatever happens here,
   * so a failure is reported as such rather than as a failed import.
   */
  private void writeOutputs(ImportJob job) throws JobFailedException, InterruptedException {
    List<FileOutcome> outcomes = store.read(tx -> tx.importJobs().outcomes(job.id()));
    Map<String, byte[]> manifests = ImportManifests.render(job, job.progress().scanned(), outcomes);
    for (int attempt = 1; ; attempt++) {
      try {
        for (Map.Entry<String, byte[]> file : manifests.entrySet()) {
          storage.write(job.outputUri(), file.getKey(), file.getValue());
        }
        return;
      } catch (IOException e) {
        if (attempt == OUTPUT_ATTEMPTS) {
          throw new JobFailedException("OUTPUT_WRITE_FAILED: the image sets of this job were imported, but its "
              + "manifests could not be written to " + job.outputUri() + ": " + e.getMessage(), e);
        }
        LOG.warn("Import job {}: writing its manifests failed (attempt {}), retrying: {}", job.id(), attempt,
            e.getMessage());
        Thread.sleep(OUTPUT_RETRY_DELAY.toMillis() << (attempt - 1));
      }
    }
  }

  private void fail(ImportJob job, String message) {
    LOG.warn("Import job {} FAILED: {}", job.id(), message);
    store.write(tx -> {
      tx.importJobs().finish(job.id(), ImportJobStatus.FAILED, clock.instant(), Optional.of(Messages.fit(message)));
      return null;
    });
  }

  /** Removes what an ended job (or an interrupted earlier attempt of it) left unreferenced. */
  private void cleanUp(String jobId) {
    boolean ended = store.read(tx -> tx.importJobs().find(jobId)).map(job -> job.status() == ImportJobStatus.COMPLETED
        || job.status() == ImportJobStatus.FAILED).orElse(false);
    if (ended) {
      try {
        cleanup.cleanWork(jobId);
      } catch (java.io.IOException | RuntimeException e) {
        LOG.warn("Could not clean up the blobs of import job {}: {}", jobId, e.getMessage());
      }
    }
  }

  /** Stops taking jobs and waits for running ones; those still running when it gives up resume elsewhere. */
  @Override
  public void close() {
    workers.close();
  }
}
