package org.openahi.core.imageset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.DocumentCopy;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Checkpoints;
import org.openahi.core.work.FailureCode;
import org.openahi.core.work.Lease;

/**
 * CopyImageSet in the background: the selected instances of the source version become the new destination's
 * first document or are merged into the destination's; the destination's frame rows point at the source's
 * blobs (pixels are never copied). Either way the source, readable throughout, returns to the state of its
 * latest version.
 */
final class CopyWork extends VersionWork {

    CopyWork(MetadataStore store, DocumentBlobs documents, VersionDocuments versions, Clock clock) {
        super(store, documents, versions, clock);
    }

    @Override
    void complete(PendingWork pending, Lease lease) throws IOException {
        WorkPlans.Copy plan = WorkPlans.read(pending.plan(), WorkPlans.Copy.class);
        ObjectNode selected;
        try {
            selected = DocumentCopy.fromJson(plan.selection())
                    .select(documents.readTree(documentOf(plan.sourceImageSetId(), plan.sourceVersion())));
        } catch (InvalidRequest e) {
            fail(pending, lease, FailureCode.INVALID_REQUEST.message(e.getMessage()));
            return;
        }
        ObjectNode document;
        if (plan.newDestination()) {
            document = DocumentCopy.asNewImageSet(selected, pending.imageSetId());
        } else {
            DocumentCopy.Merge merge = DocumentCopy.merge(
                    documents.readTree(documentOf(pending.imageSetId(), plan.baseVersion())), selected, plan.force());
            if (merge.failure().isPresent()) {
                fail(pending, lease, merge.failure().get());
                return;
            }
            document = merge.document().orElseThrow();
        }
        DocumentBlobs.StoredDocument written = write(pending, document);
        List<String> frameIds = DocumentCopy.frameIds(selected);
        Checkpoints.reach("image-set-work.documents-written");
        store.write(tx -> {
            if (!stillPending(tx, pending, lease)) {
                return null;
            }
            for (String frameId : frameIds) {
                StoredFrame frame = tx.imageSets()
                        .findFrame(plan.sourceImageSetId(), frameId)
                        .orElseThrow(() -> new IllegalStateException(
                                "Frame " + frameId + " of image set " + plan.sourceImageSetId() + " is not stored"));
                if (tx.imageSets().findFrame(pending.imageSetId(), frameId).isEmpty()) {
                    tx.imageSets()
                            .insertFrame(new StoredFrame(
                                    pending.imageSetId(), frameId, frame.blobKey(), frame.contentType(), frame.size()));
                }
            }
            finishVersion(
                    tx,
                    pending.imageSetId(),
                    pending.version(),
                    WorkflowStatus.COPIED,
                    now(),
                    Optional.empty(),
                    Optional.of(VersionDocument.whole(written.blobKey())),
                    Optional.of(written.facts()));
            releaseSource(tx, plan.sourceImageSetId());
            tx.imageSets().deleteWork(pending.key());
            return null;
        });
    }

    @Override
    void fail(PendingWork pending, Lease lease, String message) {
        WorkPlans.Copy plan = WorkPlans.read(pending.plan(), WorkPlans.Copy.class);
        store.write(tx -> {
            if (!stillPending(tx, pending, lease)) {
                return null;
            }
            Instant now = now();
            Optional<VersionDocument> unchanged = plan.newDestination()
                    ? Optional.empty()
                    : tx.imageSets()
                            .findVersion(pending.imageSetId(), plan.baseVersion())
                            .flatMap(ImageSetVersion::document);
            finishVersion(
                    tx,
                    pending.imageSetId(),
                    pending.version(),
                    WorkflowStatus.COPY_FAILED,
                    now,
                    Optional.of(message),
                    unchanged,
                    Optional.empty());
            releaseSource(tx, plan.sourceImageSetId());
            tx.imageSets().deleteWork(pending.key());
            return null;
        });
    }

    /** The source, LOCKED / COPYING_WITH_READ_ONLY_ACCESS without a version of its own, back to its latest version. */
    private static void releaseSource(Transaction tx, String sourceImageSetId) {
        ImageSet source = imageSet(tx, sourceImageSetId);
        if (source.workflowStatus() == WorkflowStatus.COPYING_WITH_READ_ONLY_ACCESS) {
            ImageSetVersion latest = tx.imageSets()
                    .findVersion(source.id(), source.latestVersion())
                    .orElseThrow();
            tx.imageSets().update(source.withState(latest.state(), latest.workflowStatus()));
        }
    }
}
