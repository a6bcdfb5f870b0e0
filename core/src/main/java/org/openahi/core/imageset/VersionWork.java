package org.openahi.core.imageset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.DocumentFacts;
import org.openahi.core.store.Ids;
import org.openahi.core.store.Messages;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Lease;

/**
 * One kind of image set work (update, copy, delete): {@link #complete} does the work — documents are written
 * first, then one transaction ends the LOCKED versions — and {@link #fail} ends them as failed, the image sets
 * ACTIVE with their content unchanged. Both are safe to run again after a crash: the transaction only commits
 * while the work is still pending.
 */
abstract class VersionWork {
    protected final MetadataStore store;
    protected final DocumentBlobs documents;
    protected final VersionDocuments versions;
    private final Clock clock;

    VersionWork(MetadataStore store, DocumentBlobs documents, VersionDocuments versions, Clock clock) {
        this.store = store;
        this.documents = documents;
        this.versions = versions;
        this.clock = clock;
    }

    abstract void complete(PendingWork pending, Lease lease) throws IOException;

    abstract void fail(PendingWork pending, Lease lease, String message);

    /** A document written for the work, where the blob cleanup finds it if the work never commits. */
    protected DocumentBlobs.StoredDocument write(PendingWork pending, JsonNode document) throws IOException {
        return documents.writeTree(
                BlobCleanup.workBlobKey("metadata/", pending.key().workId(), Ids.newId()), document);
    }

    /** The blob of a version's whole document; every version a work item is based on has one. */
    protected String documentOf(String imageSetId, int version) throws IOException {
        return versions.wholeBlob(imageSetId, version);
    }

    /** Whether the work is still to be ended, checked in the transaction that ends it, which must hold its lease. */
    protected static boolean stillPending(Transaction tx, PendingWork pending, Lease lease) {
        lease.check(tx);
        return tx.imageSets().findWork(pending.key()).isPresent();
    }

    protected static ImageSet imageSet(Transaction tx, String imageSetId) {
        return tx.imageSets()
                .findById(imageSetId)
                .orElseThrow(() -> new IllegalStateException("Image set " + imageSetId + " of pending work is gone"));
    }

    /**
     * Ends a LOCKED version: the version and the image set become ACTIVE with {@code status}; {@code document} is
     * the version's document, and its facts (when given) become the image set's identity and search summary.
     */
    protected static void finishVersion(
            Transaction tx,
            String imageSetId,
            int version,
            WorkflowStatus status,
            Instant at,
            Optional<String> failure,
            Optional<VersionDocument> document,
            Optional<DocumentFacts> facts) {
        ImageSetVersion pending = tx.imageSets()
                .findVersion(imageSetId, version)
                .orElseThrow(() ->
                        new IllegalStateException("Version " + version + " of image set " + imageSetId + " is gone"));
        tx.imageSets().updateVersion(pending.finished(status, at, failure.map(Messages::fit), document));
        ImageSet finished = imageSet(tx, imageSetId).atVersion(version, ImageSetState.ACTIVE, status, at);
        if (facts.isPresent()) {
            finished = finished.withIdentity(facts.get().identity());
            tx.imageSets().updateSummary(imageSetId, facts.get().summary());
            tx.imageSets().updateDicomWebIndex(imageSetId, facts.get().dicomWeb());
        }
        tx.imageSets().update(finished);
    }

    protected Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
