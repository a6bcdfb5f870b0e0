package org.openahi.core.exporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.importing.ImportStorage;
import org.openahi.core.store.Messages;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.LeasedWorkers;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs export jobs, leased through {@link LeasedWorkers} as import jobs are (a job whose server died is run again
 * from the start elsewhere, its files rewritten). Each instance is rebuilt as WADO-RS rebuilds it
 * ({@link StoredInstances}), written to a temporary file and copied to
 * {@code <job folder>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm}; the job's manifests follow an
 * import job's: {@code job-output-manifest.json}, {@code SUCCESS/success.ndjson}, {@code FAILURE/failure.ndjson}.
 */
public final class ExportRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Instances written between two progress records. */
  private static final int PROGRESS_EVERY = 20;

  /** Jobs run at once, lease, interrupted runs before a job is given up, polling interval. */
  public record Settings(int parallelJobs, Duration lease, int maxAttempts, Duration pollInterval) {
  }

  private final MetadataStore store;
  private final DicomWebReads reads;
  private final StoredInstances instances;
  private final ImportStorage storage;
  private final Clock clock;
  private final int maxAttempts;
  private final LeasedWorkers<String> workers;

  public ExportRunner(MetadataStore store, DicomWebReads reads, StoredInstances instances, ImportStorage storage,
                      Clock clock, Settings settings) {
    this.store = store;
    this.reads = reads;
    this.instances = instances;
    this.storage = storage;
    this.clock = clock;
    this.maxAttempts = settings.maxAttempts();
    this.workers = new LeasedWorkers<>("export", store, new JobQueue(), this::run, clock,
        new LeasedWorkers.Settings(settings.parallelJobs(), settings.lease(), settings.pollInterval()));
  }

  private static final class JobQueue implements LeasedWorkers.Queue<String> {
    @Override
    public List<String> claimable(Transaction tx, Instant now, int limit) {
      return tx.exports().claimable(now, limit);
    }

    @Override
    public boolean claim(Transaction tx, String jobId, String owner, Instant now, Instant leaseExpiresAt) {
      return tx.exports().claim(jobId, owner, now, leaseExpiresAt);
    }

    @Override
    public boolean renew(Transaction tx, String jobId, String owner, Instant leaseExpiresAt) {
      return tx.exports().renewLease(jobId, owner, leaseExpiresAt);
    }
  }

  public void start() {
    workers.start();
  }

  public void wake() {
    workers.wake();
  }

  /** One instance to write: the series view that holds it. */
  private record Item(DicomWebReads.SeriesView series, String sopInstanceUid) {
  }

  private void run(String jobId) {
    ExportJob job = store.read(tx -> tx.exports().find(jobId)).orElseThrow();
    if (job.attempts() > maxAttempts) {
      finish(job, ExportJobStatus.FAILED, Optional.of("INTERRUPTED: the export was interrupted " + maxAttempts
          + " times (server restarts) and was given up"));
      return;
    }
    try {
      List<Item> items = new ArrayList<>();
      for (DicomWebReads.SeriesView series : selected(job)) {
        for (String sop : series.instanceUids()) {
          items.add(new Item(series, sop));
        }
      }
      StringBuilder success = new StringBuilder();
      StringBuilder failure = new StringBuilder();
      long exported = 0;
      long failed = 0;
      progress(job, new ExportProgress(items.size(), 0, 0));
      for (Item item : items) {
        if (Thread.currentThread().isInterrupted()) {
          LOG.info("Export job {} stopped with the server; it resumes when its lease expires", jobId);
          return;
        }
        ObjectNode line = line(item);
        try {
          line.put("file", write(job, item));
          success.append(JSON.writeValueAsString(line)).append('\n');
          exported++;
        } catch (IOException | OpenAhiException e) {
          line.put("error", Messages.fit(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
          failure.append(JSON.writeValueAsString(line)).append('\n');
          failed++;
        }
        if ((exported + failed) % PROGRESS_EVERY == 0) {
          progress(job, new ExportProgress(items.size(), exported, failed));
        }
      }
      ExportProgress done = new ExportProgress(items.size(), exported, failed);
      storage.write(job.outputUri(), "SUCCESS/success.ndjson", success.toString().getBytes(StandardCharsets.UTF_8));
      storage.write(job.outputUri(), "FAILURE/failure.ndjson", failure.toString().getBytes(StandardCharsets.UTF_8));
      storage.write(job.outputUri(), "job-output-manifest.json", manifest(job, done));
      progress(job, done);
      finish(job, ExportJobStatus.COMPLETED, failed == 0 ? Optional.empty()
          : Optional.of(failed + " of " + items.size() + " instances could not be exported; see FAILURE/failure.ndjson"));
    } catch (OpenAhiException e) {
      finish(job, ExportJobStatus.FAILED, Optional.of(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      LOG.error("Export job {} failed", jobId, e);
      finish(job, ExportJobStatus.FAILED, Optional.of("INTERNAL_ERROR: " + e.getClass().getSimpleName() + ": "
          + e.getMessage()));
    }
  }

  /** The series the job selects, each from the image set that holds it now. */
  private List<DicomWebReads.SeriesView> selected(ExportJob job) throws IOException {
    if (job.selection().studyInstanceUid().isPresent()) {
      return reads.study(job.datastoreId(), job.selection().studyInstanceUid().get());
    }
    List<DicomWebReads.SeriesView> views = new ArrayList<>();
    for (String imageSetId : job.selection().imageSetIds()) {
      ImageSet imageSet = store.read(tx -> tx.imageSets().find(job.datastoreId(), imageSetId))
          .filter(set -> set.state() != ImageSetState.DELETED)
          .orElseThrow(() -> new org.openahi.core.error.NotFound("Image set " + imageSetId + " is not in datastore "
              + job.datastoreId() + " any more"));
      views.add(reads.series(job.datastoreId(), imageSet.identity().studyInstanceUid(),
          imageSet.identity().seriesInstanceUid(), Optional.of(imageSetId)));
    }
    return views;
  }

  private static ObjectNode line(Item item) {
    return JSON.createObjectNode()
        .put("imageSetId", item.series().imageSet().id())
        .put("studyInstanceUID", item.series().imageSet().identity().studyInstanceUid())
        .put("seriesInstanceUID", item.series().seriesInstanceUid())
        .put("sopInstanceUID", item.sopInstanceUid());
  }

  /** Writes one instance; returns its name inside the job's folder. */
  private String write(ExportJob job, Item item) throws IOException {
    String syntax = job.transferSyntaxUid()
        .orElseGet(() -> item.series().frames(item.sopInstanceUid()).transferSyntaxUid());
    StoredInstances.Rebuilt rebuilt = instances.rebuild(item.series(), item.sopInstanceUid(), syntax);
    String name = safe(item.series().imageSet().identity().studyInstanceUid()) + "/"
        + safe(item.series().seriesInstanceUid()) + "/" + safe(item.sopInstanceUid()) + ".dcm";
    Path file = Files.createTempFile("openahi-export-", ".dcm");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        DicomWriter.write(out, rebuilt.fileMeta(), rebuilt.dataset(), TransferSyntax.of(syntax));
      }
      storage.write(job.outputUri(), name, file);
    } finally {
      Files.deleteIfExists(file);
    }
    return name;
  }

  /** A UID as a file name: its characters outside [0-9A-Za-z.-] (none, in a valid UID) become '_'. */
  static String safe(String uid) {
    String name = uid == null || uid.isBlank() ? "unknown" : uid.strip().replaceAll("[^0-9A-Za-z.-]", "_");
    return name.equals(".") || name.equals("..") ? "_" : name;
  }

  private byte[] manifest(ExportJob job, ExportProgress done) throws IOException {
    ObjectNode summary = JSON.createObjectNode();
    summary.putObject("jobSummary")
        .put("jobId", job.id())
        .put("datastoreId", job.datastoreId())
        .put("outputUri", job.outputUri())
        .put("transferSyntaxUID", job.transferSyntaxUid().orElse("stored"))
        .put("successOutputUri", job.outputUri() + "SUCCESS/")
        .put("failureOutputUri", job.outputUri() + "FAILURE/")
        .put("numberOfInstances", done.instances())
        .put("numberOfExportedInstances", done.exported())
        .put("numberOfFailedInstances", done.failed());
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary);
  }

  private void progress(ExportJob job, ExportProgress progress) {
    store.write(tx -> {
      tx.exports().updateProgress(job.id(), progress);
      return null;
    });
  }

  private void finish(ExportJob job, ExportJobStatus status, Optional<String> message) {
    store.write(tx -> {
      tx.exports().finish(job.id(), status, clock.instant(), message.map(Messages::fit));
      return null;
    });
    LOG.info("Export job {} {}{}", job.id(), status, message.map(m -> ": " + m).orElse(""));
  }

  @Override
  public void close() {
    workers.close();
  }
}
