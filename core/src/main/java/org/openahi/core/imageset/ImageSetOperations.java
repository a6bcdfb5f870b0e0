package org.openahi.core.imageset;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.WorkOwners;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.metadata.DocumentStore;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.LeasedWorkers;
import org.openahi.core.work.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pending work of UpdateImageSetMetadata, CopyImageSet and DeleteImageSet, leased through
 * {@link LeasedWorkers} so each operation runs on one node and one whose node died resumes elsewhere (or here
 * after a restart). An operation that fails ends its versions as failed with an AHI-style {@code CODE: text}
 * message; one interrupted {@code maxAttempts} times is given up the same way.
 */
public final class ImageSetOperations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageSetOperations.class);

  /** How operations run: in parallel, lease length, interrupted runs before giving up, polling interval. */
  public record Settings(int parallelism, Duration lease, int maxAttempts, Duration pollInterval) {
  }

  private final MetadataStore store;
  private final BlobCleanup cleanup;
  private final Map<PendingOperation.Kind, OperationWork> works;
  private final int maxAttempts;
  private final LeasedWorkers<PendingOperation.Key> workers;

  public ImageSetOperations(MetadataStore store, BlobStore blobs, VersionDocuments versions, BlobCleanup cleanup,
                            Clock clock, Settings settings) {
    DocumentStore documents = new DocumentStore(blobs);
    this.store = store;
    this.cleanup = cleanup;
    this.works = Map.of(
        PendingOperation.Kind.UPDATE, new UpdateWork(store, documents, versions, clock),
        PendingOperation.Kind.COPY, new CopyWork(store, documents, versions, clock),
        PendingOperation.Kind.DELETE, new DeleteWork(store, documents, versions, blobs, clock));
    this.maxAttempts = settings.maxAttempts();
    this.workers = new LeasedWorkers<>("imageset", store, new OperationQueue(), this::run, clock,
        new LeasedWorkers.Settings(settings.parallelism(), settings.lease(), settings.pollInterval()));
  }

  private static final class OperationQueue implements LeasedWorkers.Queue<PendingOperation.Key> {
    @Override
    public List<PendingOperation.Key> claimable(Transaction tx, Instant now, int limit) {
      return tx.imageSets().claimableOperations(now, limit);
    }

    @Override
    public boolean claim(Transaction tx, PendingOperation.Key key, String owner, Instant now, Instant leaseExpiresAt) {
      return tx.imageSets().claimOperation(key, owner, now, leaseExpiresAt);
    }

    @Override
    public boolean renew(Transaction tx, PendingOperation.Key key, String owner, Instant leaseExpiresAt) {
      return tx.imageSets().renewOperation(key, owner, leaseExpiresAt);
    }
  }

  public void start() {
    workers.start();
  }

  /** Looks for operations now rather than at the next poll. */
  public void wake() {
    workers.wake();
  }

  private void run(PendingOperation.Key key) {
    Optional<PendingOperation> found = store.read(tx -> tx.imageSets().findOperation(key));
    if (found.isEmpty()) {
      return;
    }
    PendingOperation operation = found.get();
    OperationWork work = works.get(operation.kind());
    try {
      if (operation.attempts() > maxAttempts) {
        work.fail(operation, "INTERRUPTED: the operation was interrupted " + maxAttempts + " times (server restarts) "
            + "and was given up; the image set did not change");
      } else {
        Checkpoints.reach("image-set-operation.begin");
        String datastoreId = store.read(tx -> tx.imageSets().findById(key.imageSetId())).map(ImageSet::datastoreId)
            .orElseThrow(() -> new IllegalStateException("Image set " + key.imageSetId() + " of an operation is gone"));
        try (WorkOwners.Registration owner = WorkOwners.register(key.workId(), datastoreId)) {
          work.complete(operation);
        }
        Checkpoints.reach("image-set-operation.committed");
      }
    } catch (IOException | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        LOG.info("{} of image set {} stopped with the server; it resumes when its lease expires", operation.kind(),
            key.imageSetId());
        return;
      }
      LOG.error("{} of image set {} version {} failed", operation.kind(), key.imageSetId(), key.version(), e);
      work.fail(operation, "INTERNAL_ERROR: the operation failed on a server error (" + e.getClass().getSimpleName()
          + "); see the server log for image set " + key.imageSetId());
    }
    cleanUp(key);
  }

  /** Removes the documents an ended operation (or an interrupted run of it) wrote but did not keep. */
  private void cleanUp(PendingOperation.Key key) {
    if (store.read(tx -> tx.imageSets().findOperation(key)).isPresent()) {
      return;
    }
    try {
      cleanup.cleanWork(key.workId());
    } catch (IOException e) {
      LOG.warn("Could not clean up after {}; the hourly cleanup will: {}", key.workId(), e.getMessage());
    }
  }

  @Override
  public void close() {
    workers.close();
  }
}
