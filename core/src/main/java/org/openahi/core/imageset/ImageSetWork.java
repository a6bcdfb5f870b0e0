package org.openahi.core.imageset;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.WorkOwners;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Checkpoints;
import org.openahi.core.work.FailureCode;
import org.openahi.core.work.Lease;
import org.openahi.core.work.LeasedWork;
import org.openahi.core.work.LeasedWorkers;

/**
 * The pending work of UpdateImageSetMetadata, CopyImageSet and DeleteImageSet as leased background work
 * ({@link LeasedWorkers} runs it), so each item runs on one node and one whose node died resumes elsewhere (or here
 * after a restart). Each kind is done by its {@link VersionWork}; work that fails ends its versions as failed with
 * an AHI-style {@code CODE: text} message.
 */
public final class ImageSetWork implements LeasedWork<PendingWork.Key, PendingWork> {
    private final MetadataStore store;
    private final Map<PendingWork.Kind, VersionWork> works;

    public ImageSetWork(
            MetadataStore store, BlobStore blobs, DocumentBlobs documents, VersionDocuments versions, Clock clock) {
        this.store = store;
        this.works = Map.of(
                PendingWork.Kind.UPDATE, new UpdateWork(store, documents, versions, clock),
                PendingWork.Kind.COPY, new CopyWork(store, documents, versions, clock),
                PendingWork.Kind.DELETE, new DeleteWork(store, documents, versions, blobs, clock));
    }

    @Override
    public String name() {
        return "imageset";
    }

    @Override
    public List<PendingWork.Key> unclaimed(Transaction tx, Instant now, int limit) {
        return tx.imageSets().unstartedWork(limit);
    }

    @Override
    public boolean started(Transaction tx, PendingWork.Key key) {
        return tx.imageSets().startWork(key);
    }

    /** The work id: the image set's id (hexadecimal, no dash), a dash, the version. */
    @Override
    public String leaseKey(PendingWork.Key key) {
        return key.workId();
    }

    @Override
    public PendingWork.Key key(String leaseKey) {
        int dash = leaseKey.lastIndexOf('-');
        return new PendingWork.Key(leaseKey.substring(0, dash), Integer.parseInt(leaseKey.substring(dash + 1)));
    }

    @Override
    public Optional<PendingWork> find(Transaction tx, PendingWork.Key key) {
        return tx.imageSets().findWork(key);
    }

    @Override
    public int attempts(PendingWork pending) {
        return pending.attempts();
    }

    @Override
    public void run(PendingWork pending, Lease lease) throws Exception {
        PendingWork.Key key = pending.key();
        Checkpoints.reach("image-set-work.begin");
        String datastoreId = store.read(tx -> tx.imageSets().findById(key.imageSetId()))
                .map(ImageSet::datastoreId)
                .orElseThrow(
                        () -> new IllegalStateException("Image set " + key.imageSetId() + " of pending work is gone"));
        try (WorkOwners.Registration owner = WorkOwners.register(key.workId(), datastoreId)) {
            works.get(pending.kind()).complete(pending, lease);
        }
        Checkpoints.reach("image-set-work.committed");
    }

    @Override
    public void fail(PendingWork pending, Lease lease, String message) {
        works.get(pending.kind()).fail(pending, lease, message);
    }

    @Override
    public String givenUp(int maxAttempts) {
        return FailureCode.INTERRUPTED.message("the operation was interrupted " + maxAttempts
                + " times (server restarts) " + "and was given up; the image set did not change");
    }

    @Override
    public String serverError(PendingWork.Key key, Exception e) {
        return FailureCode.INTERNAL_ERROR.message("the operation failed on a server error ("
                + e.getClass().getSimpleName() + "); see the server log for image set " + key.imageSetId());
    }

    /** Ended once its row is gone: the transaction that ends the versions deletes it. */
    @Override
    public boolean ended(Transaction tx, PendingWork.Key key) {
        return tx.imageSets().findWork(key).isEmpty();
    }

    @Override
    public String workId(PendingWork.Key key) {
        return key.workId();
    }
}
