package org.openahi.core.imageset;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.work.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeleteImageSet in the background: the version and the image set become DELETED, the image set's frames and
 * documents are forgotten in the same transaction, then each blob no other image set still refers to (copies
 * share frames) is deleted. A blob left behind by a crash here is reclaimed by the hourly cleanup.
 */
final class DeleteWork extends VersionWork {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteWork.class);

    private final BlobStore blobs;

    DeleteWork(MetadataStore store, DocumentBlobs documents, VersionDocuments versions, BlobStore blobs, Clock clock) {
        super(store, documents, versions, clock);
        this.blobs = blobs;
    }

    @Override
    void complete(PendingWork pending, Lease lease) {
        List<String> content = store.write(tx -> {
            if (!stillPending(tx, pending, lease)) {
                return List.<String>of();
            }
            Instant now = now();
            List<String> referenced = tx.imageSets().contentBlobs(pending.imageSetId());
            ImageSetVersion version = tx.imageSets()
                    .findVersion(pending.imageSetId(), pending.version())
                    .orElseThrow();
            tx.imageSets().updateVersion(version.deleted(now));
            tx.imageSets()
                    .update(imageSet(tx, pending.imageSetId())
                            .atVersion(pending.version(), ImageSetState.DELETED, WorkflowStatus.DELETED, now));
            tx.imageSets().forgetContent(pending.imageSetId());
            tx.imageSets().deleteWork(pending.key());
            return referenced;
        });
        int deleted = 0;
        for (String key : content) {
            if (!store.read(tx -> tx.imageSets().referencesBlob(key))) {
                try {
                    blobs.delete(key);
                    deleted++;
                } catch (IOException e) {
                    LOG.warn(
                            "Could not delete blob {} of deleted image set {}; the cleanup will: {}",
                            key,
                            pending.imageSetId(),
                            e.getMessage());
                }
            }
        }
        LOG.info(
                "Image set {} DELETED; {} of its {} blobs reclaimed (the others are shared)",
                pending.imageSetId(),
                deleted,
                content.size());
    }

    /** The image set stays as it was: the failed version records why, with the previous version's status. */
    @Override
    void fail(PendingWork pending, Lease lease, String message) {
        WorkPlans.Delete plan = WorkPlans.read(pending.plan(), WorkPlans.Delete.class);
        store.write(tx -> {
            if (!stillPending(tx, pending, lease)) {
                return null;
            }
            ImageSetVersion base = tx.imageSets()
                    .findVersion(pending.imageSetId(), plan.baseVersion())
                    .orElseThrow();
            finishVersion(
                    tx,
                    pending.imageSetId(),
                    pending.version(),
                    base.workflowStatus(),
                    now(),
                    Optional.of(message),
                    base.document(),
                    Optional.empty());
            tx.imageSets().deleteWork(pending.key());
            return null;
        });
    }
}
