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
import org.openahi.core.metadata.DocumentBlobs;
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
public final class ImageSetWork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageSetWork.class);

  /** How operations run: in parallel, lease length, interrupted runs before giving up, polling interval. */
  public record Settings(int parallelism, Duration lease, int maxAttempts, Duration pollInterval) {
  }

  private final MetadataStore store;
  private final BlobCleanup cleanup;
  private final Map<PendingWork.Kind, VersionWork> works;
  private final int maxAttempts;
  private final LeasedWorkers<PendingWork.Key> workers;

  public ImageSetWork(MetadataStore store, BlobStore blobs, VersionDocuments versions, BlobCleanup cleanup,
                            Clock clock, Settings settings) {
    DocumentBlobs documents = new DocumentBlobs(blobs);
    this.store = store;
    this.cleanup = cleanup;
    this.works = Map.of(
        PendingWork.Kind.UPDATE, new UpdateWork(store, documents, versions, clock),
        PendingWork.Kind.COPY, new CopyWork(store, documents, versions, clock),
        PendingWork.Kind.DELETE, new DeleteWork(store, documents, versions, blobs, clock));
    this.maxAttempts = settings.maxAttempts();
    this.workers = new LeasedWorkers<>("imageset", store, new OperationQueue(), this::run, clock,
        new LeasedWorkers.Settings(settings.parallelism(), settings.lease(), settings.pollInterval()));
  }

  private static final class OperationQueue implements LeasedWorkers.Queue<PendingWork.Key> {
    @Override
    public List<PendingWork.Key> claimable(Transaction tx, Instant now, int limit) {
      return tx.imageSets().claimableWork(now, limit);
    }

    @Override
    public boolean claim(Transaction tx, PendingWork.Key key, String owner, Instant now, Instant leaseExpiresAt) {
      return tx.imageSets().claimWork(key, owner, now, leaseExpiresAt);
    }

    @Override
    public boolean renew(Transaction tx, PendingWork.Key key, String owner, Instant leaseExpiresAt) {
      return tx.imageSets().renewWork(key, owner, leaseExpiresAt);
    }
  }

  public void start() {
    workers.start();
  }

  /** Looks for operations now rather than at the next poll. */
  public void wake() {
    workers.wake();
  }

  private void run(PendingWork.Key key) {
    Optional<PendingWork> found = store.read(tx -> tx.imageSets().findWork(key));
    if (found.isEmpty()) {
      return;
    }
    PendingWork pending = found.get();
    VersionWork work = works.get(pending.kind());
    try {
      if (pending.attempts() > maxAttempts) {
        work.fail(pending, "INTERRUPTED: the operation was interrupted " + maxAttempts + " times (server restarts) "
            + "and was given up; the image set did not change");
      } else {
        Checkpoints.reach("image-set-work.begin");
        String datastoreId = store.read(tx -> tx.imageSets().findById(key.imageSetId())).map(ImageSet::datastoreId)
            .orElseThrow(() -> new IllegalStateException("Image set " + key.imageSetId() + " of an operation is gone"));
        try (WorkOwners.Registration owner = WorkOwners.register(key.workId(), datastoreId)) {
          work.complete(pending);
        }
        Checkpoints.reach("image-set-work.committed");
      }
    } catch (IOException | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        LOG.info("{} of image set {} stopped with the server; it resumes when its lease expires", pending.kind(),
            key.imageSetId());
        return;
      }
      LOG.error("{} of image set {} version {} failed", pending.kind(), key.imageSetId(), key.version(), e);
      work.fail(pending, "INTERNAL_ERROR: the operation failed on a server error (" + e.getClass().getSimpleName()
          + "); see the server log for image set " + key.imageSetId());
    }
    cleanUp(key);
  }

  /** Removes the documents an ended operation (or an interrupted run of it) wrote but did not keep. */
  private void cleanUp(PendingWork.Key key) {
    if (store.read(tx -> tx.imageSets().findWork(key)).isPresent()) {
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
