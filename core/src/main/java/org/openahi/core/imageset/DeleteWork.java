package org.openahi.core.imageset;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.metadata.DocumentStore;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeleteImageSet in the background: the version and the image set become DELETED, the image set's frames and
 * documents are forgotten in the same transaction, then each blob no other image set still refers to (copies
 * share frames) is deleted. A blob left behind by a crash here is reclaimed by the hourly cleanup.
 */
final class DeleteWork extends OperationWork {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteWork.class);

  private final BlobStore blobs;

  DeleteWork(MetadataStore store, DocumentStore documents, VersionDocuments versions, BlobStore blobs, Clock clock) {
    super(store, documents, versions, clock);
    this.blobs = blobs;
  }

  @Override
  void complete(PendingOperation operation) {
    List<String> content = store.write(tx -> {
      if (!stillPending(tx, operation)) {
        return List.<String>of();
      }
      Instant now = now();
      List<String> referenced = tx.imageSets().contentBlobs(operation.imageSetId());
      ImageSetVersion pending = tx.imageSets().findVersion(operation.imageSetId(), operation.version()).orElseThrow();
      tx.imageSets().updateVersion(pending.deleted(now));
      tx.imageSets().update(imageSet(tx, operation.imageSetId())
          .atVersion(operation.version(), ImageSetState.DELETED, WorkflowStatus.DELETED, now));
      tx.imageSets().forgetContent(operation.imageSetId());
      tx.imageSets().deleteOperation(operation.key());
      return referenced;
    });
    int deleted = 0;
    for (String key : content) {
      if (!store.read(tx -> tx.imageSets().referencesBlob(key))) {
        try {
          blobs.delete(key);
          deleted++;
        } catch (IOException e) {
          LOG.warn("Could not delete blob {} of deleted image set {}; the cleanup will: {}", key,
              operation.imageSetId(), e.getMessage());
        }
      }
    }
    LOG.info("Image set {} DELETED; {} of its {} blobs reclaimed (the others are shared)", operation.imageSetId(),
        deleted, content.size());
  }

  /** The image set stays as it was: the failed version records why, with the previous version's status. */
  @Override
  void fail(PendingOperation operation, String message) {
    OperationPlans.Delete plan = OperationPlans.read(operation.plan(), OperationPlans.Delete.class);
    store.write(tx -> {
      if (!stillPending(tx, operation)) {
        return null;
      }
      ImageSetVersion base = tx.imageSets().findVersion(operation.imageSetId(), plan.baseVersion()).orElseThrow();
      finishVersion(tx, operation.imageSetId(), operation.version(), base.workflowStatus(), now(),
          Optional.of(message), base.document(), Optional.empty());
      tx.imageSets().deleteOperation(operation.key());
      return null;
    });
  }
}
