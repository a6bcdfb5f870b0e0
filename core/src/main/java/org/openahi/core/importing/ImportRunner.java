package org.openahi.core.importing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.store.Ids;
import org.openahi.core.store.Messages;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs import jobs on a bounded pool. Jobs are claimed through the metadata store with a lease the runner
 * renews, so in a scale-out deployment each job runs on one node, and a job whose node died is taken over
 * once its lease runs out. A job that was interrupted runs again from the start (nothing of it was
 * committed); one interrupted after its commit only writes its manifests again. A job interrupted
 * {@code maxAttempts} times ends FAILED.
 */
public final class ImportRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
  private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

  /** How the runner runs: parallel jobs, lease length, attempts before giving up, polling interval. */
  public record Settings(int parallelJobs, Duration lease, int maxAttempts, Duration pollInterval) {
  }

  private final MetadataStore store;
  private final ImportStorage storage;
  private final JobImporter importer;
  private final BlobCleanup cleanup;
  private final Clock clock;
  private final Settings settings;
  private final String owner = "runner-" + Ids.newId();
  private final ExecutorService jobs;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("openahi-import-scheduler").daemon().factory());
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastProgressWrite = new ConcurrentHashMap<>();

  public ImportRunner(MetadataStore store, ImportStorage storage, JobImporter importer, BlobCleanup cleanup, Clock clock,
                      Settings settings) {
    this.store = store;
    this.cleanup = cleanup;
    this.storage = storage;
    this.importer = importer;
    this.clock = clock;
    this.settings = settings;
    this.jobs = Executors.newFixedThreadPool(settings.parallelJobs(),
        Thread.ofPlatform().name("openahi-import-job-", 0).factory());
  }

  public void start() {
    long poll = settings.pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::claimJobs, 0, poll, TimeUnit.MILLISECONDS);
    long renew = Math.max(1, settings.lease().toMillis() / 3);
    scheduler.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
  }

  /** Looks for jobs now rather than at the next poll. */
  public void wake() {
    scheduler.execute(this::claimJobs);
  }

  private void claimJobs() {
    try {
      int free = settings.parallelJobs() - running.size();
      if (free <= 0) {
        return;
      }
      Instant now = clock.instant();
      List<ImportJob> candidates = store.read(tx -> tx.importJobs().claimable(now, free));
      for (ImportJob candidate : candidates) {
        Instant leaseEnd = clock.instant().plus(settings.lease());
        boolean claimed = store.write(tx -> tx.importJobs().claim(candidate.id(), owner, clock.instant(), leaseEnd));
        if (claimed && running.add(candidate.id())) {
          jobs.execute(() -> run(candidate.id()));
        }
      }
    } catch (RuntimeException e) {
      LOG.error("Could not look for import jobs", e);
    }
  }

  private void renewLeases() {
    for (String jobId : running) {
      try {
        Instant leaseEnd = clock.instant().plus(settings.lease());
        if (!store.write(tx -> tx.importJobs().renewLease(jobId, owner, leaseEnd))) {
          LOG.warn("Import job {} is no longer held by this node", jobId);
        }
      } catch (RuntimeException e) {
        LOG.error("Could not renew the lease of import job {}", jobId, e);
      }
    }
  }

  private void run(String jobId) {
    try {
      ImportJob job = store.read(tx -> tx.importJobs().find(jobId)).orElseThrow();
      if (!job.outputsPending()) {
        if (job.attempts() > settings.maxAttempts()) {
          fail(job, "INTERRUPTED: the job was interrupted " + settings.maxAttempts() + " times (server restarts) "
              + "and was given up; no image set was changed by it");
          return;
        }
        LOG.info("Import job {} started (attempt {}): {} -> {}", jobId, job.attempts(), job.inputUri(), job.outputUri());
        importer.importFiles(job, progress -> reportProgress(jobId, progress));
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
    } catch (JobFailedException e) {
      store.read(tx -> tx.importJobs().find(jobId)).ifPresent(job -> fail(job, e.getMessage()));
    } catch (Exception e) {
      LOG.error("Import job {} failed unexpectedly", jobId, e);
      store.read(tx -> tx.importJobs().find(jobId)).ifPresent(job ->
          fail(job, "INTERNAL_ERROR: the job failed on a server error (" + e.getClass().getSimpleName()
              + "); see the server log for job " + jobId));
    } finally {
      cleanUp(jobId);
      lastProgressWrite.remove(jobId);
      running.remove(jobId);
      wake();
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

  private void writeOutputs(ImportJob job) throws java.io.IOException {
    List<FileOutcome> outcomes = store.read(tx -> tx.importJobs().outcomes(job.id()));
    for (Map.Entry<String, byte[]> file : ImportManifests.render(job, job.progress().scanned(), outcomes).entrySet()) {
      storage.write(job.outputUri(), file.getKey(), file.getValue());
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
        cleanup.cleanJob(jobId);
      } catch (java.io.IOException | RuntimeException e) {
        LOG.warn("Could not clean up the blobs of import job {}: {}", jobId, e.getMessage());
      }
    }
  }

  /** Stops taking jobs and waits for running ones; those still running when it gives up resume elsewhere. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    jobs.shutdown();
    try {
      if (!jobs.awaitTermination(30, TimeUnit.SECONDS)) {
        jobs.shutdownNow();
      }
    } catch (InterruptedException e) {
      jobs.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
