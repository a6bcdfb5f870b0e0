package org.openahi.core.importing;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.NotFound;
import org.openahi.core.metadata.DocumentStore;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports DICOM instances handed over in a request (STOW-RS) rather than listed from an input folder, through
 * the import jobs' own path: each file is read and its frames stored as an import job's are ({@link FileImporter}),
 * then the instances are grouped and committed in one transaction ({@link ImportCommit}), without an import job.
 * Blobs of instances that fail, or of a commit that fails, are removed before the call returns.
 */
public final class DirectImporter {
  private static final Logger LOG = LoggerFactory.getLogger(DirectImporter.class);
  private static final String TOO_LARGE = "TooLarge";

  /** An instance handed over: {@code name} identifies it in messages (e.g. "part 3"). */
  public record Upload(String name, long size, InputOpener source) {
  }

  /** What happened to one upload, in the order the uploads were given. */
  public sealed interface Outcome permits Stored, Failed {
  }

  /** Stored in image set {@code imageSetId} at {@code version}; {@code warning} as an import job's WARNING. */
  public record Stored(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid,
                       String imageSetId, int version, boolean primary, Optional<String> warning) implements Outcome {
  }

  /** Not stored; the UIDs when the file was read far enough to know them. */
  public record Failed(Optional<String> sopClassUid, Optional<String> sopInstanceUid, Reason reason, String message)
      implements Outcome {
  }

  public enum Reason {
    /** Not a readable DICOM file, or one missing what an image set needs. */
    NOT_UNDERSTOOD,
    /** Larger than the configured largest file. */
    TOO_LARGE,
    /** Of another study than the request names. */
    OTHER_STUDY,
    /** The server failed (pixel verification, storage, a commit that kept conflicting). */
    PROCESSING_FAILURE
  }

  private final MetadataStore store;
  private final FileImporter files;
  private final ImportCommit commits;
  private final BlobCleanup cleanup;
  private final ExecutorService workers;
  private final ImportLimits limits;

  /** @param workers the pool a request's files are read on, in parallel */
  public DirectImporter(MetadataStore store, BlobStore blobs, FrameTranscoder transcoder, ReadOptions readOptions,
                        BlobCleanup cleanup, ExecutorService workers, ImportLimits limits, Clock clock) {
    this.store = store;
    this.files = new FileImporter(blobs, transcoder, readOptions);
    this.commits = new ImportCommit(store, new DocumentStore(blobs), clock);
    this.cleanup = cleanup;
    this.workers = workers;
    this.limits = limits;
  }

  /**
   * Stores the uploads into the data store's image sets, grouped as an import job groups them.
   *
   * @param study when present, uploads of another study fail with {@link Reason#OTHER_STUDY} (StoreDICOMStudy)
   * @throws NotFound when the data store does not exist
   * @throws Conflict when it is not ACTIVE
   */
  public List<Outcome> store(String datastoreId, Optional<String> study, List<Upload> uploads) {
    Datastore datastore = store.read(tx -> tx.datastores().find(datastoreId))
        .orElseThrow(() -> new NotFound("Datastore " + datastoreId + " not found"));
    if (datastore.status() != DatastoreStatus.ACTIVE) {
      throw new Conflict("Datastore " + datastoreId + " is " + datastore.status() + "; only an ACTIVE data store "
          + "stores instances");
    }
    String workId = "stow-" + Ids.newId();
    try {
      return importAndCommit(datastore, workId, study, uploads);
    } finally {
      try {
        cleanup.cleanWork(workId);
      } catch (IOException e) {
        LOG.warn("{}: unreferenced blobs are left for the periodic clean-up: {}", workId, e.toString());
      }
    }
  }

  private List<Outcome> importAndCommit(Datastore datastore, String workId, Optional<String> study,
                                        List<Upload> uploads) {
    String datastoreId = datastore.id();
    List<Future<FileImporter.Result>> pending = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      int sequence = i;
      Upload upload = uploads.get(i);
      pending.add(workers.submit(() -> upload.size() > limits.maxFileBytes()
          ? FileImporter.Result.failed(upload.name(), TOO_LARGE, upload.size() + " bytes; instances of at most "
              + limits.maxFileBytes() + " bytes are stored")
          : files.importFile(workId, sequence, upload.name(), upload.size(), upload.source(), limits,
              datastore.losslessStorageFormat())));
    }
    Outcome[] outcomes = new Outcome[uploads.size()];
    List<StagedInstance> staged = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      FileImporter.Result result = await(pending.get(i), uploads.get(i).name());
      if (result.failure().isPresent()) {
        outcomes[i] = failed(result.failure().get());
      } else {
        StagedInstance instance = result.staged().orElseThrow();
        String instanceStudy = instance.identity().studyInstanceUid();
        if (study.isPresent() && !study.get().equals(instanceStudy)) {
          outcomes[i] = new Failed(instance.sopClassUid(), Optional.of(instance.metadata().sopInstanceUid()),
              Reason.OTHER_STUDY, uploads.get(i).name() + " belongs to study " + instanceStudy + ", not " + study.get());
        } else {
          staged.add(instance);
        }
      }
    }
    if (!staged.isEmpty()) {
      try {
        for (ImportCommit.Committed done : commits.commit(datastoreId, workId, staged, (tx, committed) -> { })) {
          for (StagedInstance instance : done.target().instances()) {
            outcomes[instance.sequence()] = new Stored(instance.sopClassUid().orElse(""),
                instance.metadata().sopInstanceUid(), instance.identity().studyInstanceUid(),
                instance.identity().seriesInstanceUid(), done.target().imageSetId(), done.version(),
                done.target().primary(), instance.warning());
          }
        }
      } catch (JobFailedException e) {
        LOG.warn("{} failed to commit {} instances: {}", workId, staged.size(), e.getMessage());
        for (StagedInstance instance : staged) {
          outcomes[instance.sequence()] = new Failed(instance.sopClassUid(),
              Optional.of(instance.metadata().sopInstanceUid()), Reason.PROCESSING_FAILURE, e.getMessage());
        }
      }
    }
    return List.of(outcomes);
  }

  private static Failed failed(FileOutcome failure) {
    String type = failure.exceptionType().orElse("");
    Reason reason = switch (type) {
      case FileImporter.VALIDATION -> Reason.NOT_UNDERSTOOD;
      case TOO_LARGE -> Reason.TOO_LARGE;
      default -> Reason.PROCESSING_FAILURE;
    };
    return new Failed(Optional.empty(), Optional.empty(), reason,
        failure.inputFile() + ": " + failure.message().orElse(type));
  }

  private static FileImporter.Result await(Future<FileImporter.Result> result, String name) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FileImporter.Result.failed(name, FileImporter.SERVER_ERROR, "the server is stopping");
    } catch (ExecutionException e) {
      return FileImporter.Result.failed(name, FileImporter.SERVER_ERROR, "the file could not be imported: "
          + e.getCause());
    }
  }
}
