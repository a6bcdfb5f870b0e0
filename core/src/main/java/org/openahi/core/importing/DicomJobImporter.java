package org.openahi.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.metadata.DocumentStore;
import org.openahi.core.metadata.ImageSetDocument;
import org.openahi.core.metadata.InstanceMetadata;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a job's DICOM files: lists the input, imports the files in parallel (frames become blobs), groups the
 * instances into image sets, writes each image set's new metadata document, and commits everything — image
 * sets, versions, frames, per-file outcomes — in one transaction. A primary image set that another writer
 * changed meanwhile is regrouped and its document rebuilt; one that is LOCKED is waited for.
 */
public final class DicomJobImporter implements JobImporter {
  private static final Logger LOG = LoggerFactory.getLogger(DicomJobImporter.class);
  private static final int MAX_COMMIT_ATTEMPTS = 5;
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  private final MetadataStore store;
  private final DocumentStore documents;
  private final ImportStorage storage;
  private final FileImporter files;
  private final ExecutorService workers;
  private final ImportLimits limits;
  private final Clock clock;

  /** @param workers the pool files are imported on, in parallel */
  public DicomJobImporter(MetadataStore store, BlobStore blobs, ImportStorage storage, FrameTranscoder transcoder,
                          ReadOptions readOptions, ExecutorService workers, ImportLimits limits, Clock clock) {
    this.store = store;
    this.documents = new DocumentStore(blobs);
    this.storage = storage;
    this.files = new FileImporter(storage, blobs, transcoder, readOptions);
    this.workers = workers;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public void importFiles(ImportJob job, Consumer<ImportProgress> progress) throws JobFailedException {
    List<ImportStorage.InputObject> inputs = listInputs(job);
    long scanned = inputs.size();
    AtomicLong imported = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    progress.accept(new ImportProgress(scanned, 0, 0));

    List<Future<FileImporter.Result>> results = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      int sequence = i;
      ImportStorage.InputObject input = inputs.get(i);
      results.add(workers.submit(() -> {
        FileImporter.Result result = files.importFile(job.id(), sequence, input, limits);
        (result.staged().isPresent() ? imported : failed).incrementAndGet();
        progress.accept(new ImportProgress(scanned, imported.get(), failed.get()));
        return result;
      }));
    }
    List<StagedInstance> staged = new ArrayList<>();
    Map<Integer, FileOutcome> failures = new HashMap<>();
    for (int i = 0; i < results.size(); i++) {
      FileImporter.Result result = await(results.get(i));
      result.staged().ifPresent(staged::add);
      if (result.failure().isPresent()) {
        failures.put(i, result.failure().get());
      }
    }
    commit(job, staged, failures, new ImportProgress(scanned, imported.get(), failed.get()));
  }

  private List<ImportStorage.InputObject> listInputs(ImportJob job) throws JobFailedException {
    List<ImportStorage.InputObject> inputs;
    try {
      inputs = storage.list(job.inputUri());
    } catch (IOException | RuntimeException e) {
      throw new JobFailedException("INPUT_NOT_READABLE: cannot list " + job.inputUri() + ": " + e.getMessage(), e);
    }
    if (inputs.size() > limits.maxFiles()) {
      throw new JobFailedException("INPUT_LIMIT: the input holds " + inputs.size() + " files; an import job takes at "
          + "most " + limits.maxFiles());
    }
    long bytes = inputs.stream().mapToLong(ImportStorage.InputObject::size).sum();
    if (bytes > limits.maxJobBytes()) {
      throw new JobFailedException("INPUT_LIMIT: the input holds " + bytes + " bytes; an import job takes at most "
          + limits.maxJobBytes());
    }
    return inputs;
  }

  private static FileImporter.Result await(Future<FileImporter.Result> result) throws JobFailedException {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobFailedException("INTERRUPTED: the server is stopping", e);
    } catch (ExecutionException e) {
      throw new JobFailedException("INTERNAL_ERROR: " + e.getCause(), e.getCause());
    }
  }

  /** Thrown inside the commit transaction when an image set changed since the documents were built. */
  private static final class StaleTarget extends RuntimeException {
    StaleTarget(String message) {
      super(message, null, false, false);
    }
  }

  private void commit(ImportJob job, List<StagedInstance> staged, Map<Integer, FileOutcome> failures,
                      ImportProgress progress) throws JobFailedException {
    for (int attempt = 1; ; attempt++) {
      List<ImportTarget> targets = ImportGrouping.group(staged,
          series -> store.read(tx -> tx.imageSets().findPrimary(job.datastoreId(), series)));
      awaitUnlocked(job, targets);
      Map<String, DocumentStore.StoredDocument> written = writeDocuments(job, targets);
      try {
        store.write(tx -> {
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          Map<Integer, FileOutcome> outcomes = new HashMap<>(failures);
          for (ImportTarget target : targets) {
            int version = commitTarget(tx, job, target, written.get(target.imageSetId()), now);
            for (StagedInstance instance : target.instances()) {
              outcomes.put(instance.sequence(), instance.warning()
                  .map(w -> FileOutcome.warning(instance.inputFile(), target.imageSetId(), version, target.primary(), w))
                  .orElseGet(() -> FileOutcome.success(instance.inputFile(), target.imageSetId(), version, target.primary())));
            }
          }
          outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
              .forEach(outcome -> tx.importJobs().insertOutcome(job.id(), outcome.getKey(), outcome.getValue()));
          tx.importJobs().updateProgress(job.id(), progress, Optional.empty());
          tx.importJobs().setOutputsPending(job.id(), true);
          return null;
        });
        LOG.info("Import job {} committed {} image sets", job.id(), targets.size());
        return;
      } catch (StaleTarget e) {
        written.values().forEach(document -> documents.deleteQuietly(document.blobKey()));
        if (attempt >= MAX_COMMIT_ATTEMPTS) {
          throw new JobFailedException("CONFLICT: image sets of this job kept changing under concurrent writes: "
              + e.getMessage());
        }
        LOG.info("Import job {}: {}; regrouping", job.id(), e.getMessage());
      }
    }
  }

  /** Inserts or versions one image set; returns its new version number. */
  private int commitTarget(Transaction tx, ImportJob job, ImportTarget target, DocumentStore.StoredDocument document,
                           Instant now) {
    ImageSet imageSet;
    if (target.existing().isPresent()) {
      ImageSet current = tx.imageSets().find(job.datastoreId(), target.imageSetId())
          .orElseThrow(() -> new StaleTarget("image set " + target.imageSetId() + " is gone"));
      if (current.latestVersion() != target.existing().get().latestVersion() || current.state() != ImageSetState.ACTIVE) {
        throw new StaleTarget("image set " + target.imageSetId() + " changed");
      }
      imageSet = new ImageSet(current.id(), current.datastoreId(), current.createdAt(), now, current.latestVersion() + 1,
          ImageSetState.ACTIVE, WorkflowStatus.IMPORTED, true, document.facts().identity());
      tx.imageSets().update(imageSet);
    } else {
      if (target.primary() && tx.imageSets().findPrimary(job.datastoreId(), target.identity().seriesInstanceUid()).isPresent()) {
        throw new StaleTarget("series " + target.identity().seriesInstanceUid() + " got a primary image set");
      }
      imageSet = new ImageSet(target.imageSetId(), job.datastoreId(), now, now, 1, ImageSetState.ACTIVE,
          WorkflowStatus.CREATED, target.primary(), document.facts().identity());
      tx.imageSets().insert(imageSet);
    }
    tx.imageSets().updateSummary(imageSet.id(), document.facts().summary());
    tx.imageSets().updateDicomWebIndex(imageSet.id(), document.facts().dicomWeb());
    tx.imageSets().insertVersion(new ImageSetVersion(imageSet.id(), imageSet.latestVersion(), ImageSetState.ACTIVE,
        imageSet.workflowStatus(), imageSet.createdAt(), now, Optional.empty(), Optional.empty(), false,
        target.primary(), Optional.of(document.blobKey())));
    for (StagedInstance instance : target.instances()) {
      for (StagedInstance.StagedFrame frame : instance.frames()) {
        tx.imageSets().insertFrame(new StoredFrame(imageSet.id(), frame.frameId(), frame.blobKey(), frame.contentType(),
            frame.size()));
      }
    }
    return imageSet.latestVersion();
  }

  /** Waits while an existing primary image set is LOCKED by an update, copy or delete in progress. */
  private void awaitUnlocked(ImportJob job, List<ImportTarget> targets) throws JobFailedException {
    Instant deadline = clock.instant().plus(LOCK_WAIT);
    for (ImportTarget target : targets) {
      while (target.existing().isPresent() && store.read(tx -> tx.imageSets().find(job.datastoreId(), target.imageSetId()))
          .map(set -> set.state() == ImageSetState.LOCKED).orElse(false)) {
        if (clock.instant().isAfter(deadline)) {
          throw new JobFailedException("CONFLICT: image set " + target.imageSetId() + " stayed LOCKED for "
              + LOCK_WAIT.toMinutes() + " minutes");
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new JobFailedException("INTERRUPTED: the server is stopping", e);
        }
      }
    }
  }

  /** Writes each target's new metadata document; image set id → the stored document. */
  private Map<String, DocumentStore.StoredDocument> writeDocuments(ImportJob job, List<ImportTarget> targets)
      throws JobFailedException {
    Map<String, DocumentStore.StoredDocument> written = new HashMap<>();
    try {
      for (ImportTarget target : targets) {
        String key = BlobCleanup.workBlobKey("metadata/", job.id(), target.imageSetId() + "-" + Ids.newId());
        List<InstanceMetadata> added = target.instances().stream()
            .sorted(Comparator.comparingInt(StagedInstance::sequence)).map(StagedInstance::metadata).toList();
        written.put(target.imageSetId(), documents.write(key, out -> {
          try (InputStream previous = previousDocument(target)) {
            ImageSetDocument.write(out, job.datastoreId(), target.imageSetId(), previous, added);
          }
        }));
      }
      return written;
    } catch (IOException e) {
      written.values().forEach(document -> documents.deleteQuietly(document.blobKey()));
      throw new JobFailedException("INTERNAL_ERROR: cannot write a metadata document: " + e.getMessage(), e);
    }
  }

  private InputStream previousDocument(ImportTarget target) throws IOException {
    if (target.existing().isEmpty()) {
      return null;
    }
    ImageSet existing = target.existing().get();
    String blob = store.read(tx -> tx.imageSets().findVersion(existing.id(), existing.latestVersion()))
        .flatMap(ImageSetVersion::metadataBlob)
        .orElseThrow(() -> new IOException("image set " + existing.id() + " has no metadata document"));
    return documents.open(blob);
  }

}
