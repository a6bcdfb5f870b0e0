package org.openahi.core.imageset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.DocumentFacts;
import org.openahi.core.metadata.MetadataEdit;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Checkpoints;
import org.openahi.core.work.FailureCode;
import org.openahi.core.work.Lease;

/**
 * UpdateImageSetMetadata in the background: the edit applied to the base version's document (and its Study part
 * to the study's other primary image sets), or a revert, whose new version shares the old version's document.
 * All image sets of one update end in the same transaction.
 */
final class UpdateWork extends VersionWork {

    UpdateWork(MetadataStore store, DocumentBlobs documents, VersionDocuments versions, Clock clock) {
        super(store, documents, versions, clock);
    }

    @Override
    void complete(PendingWork pending, Lease lease) throws IOException {
        WorkPlans.Update plan = WorkPlans.read(pending.plan(), WorkPlans.Update.class);
        boolean primary = store.read(tx -> imageSet(tx, pending.imageSetId())).primary();
        DocumentBlobs.StoredDocument document;
        List<DocumentBlobs.StoredDocument> memberDocuments = new ArrayList<>();
        if (plan.revertTo() != null) {
            String reverted = documentOf(pending.imageSetId(), plan.revertTo());
            try (InputStream in = documents.open(reverted)) {
                document = new DocumentBlobs.StoredDocument(reverted, DocumentFacts.read(in));
            }
        } else {
            MetadataEdit edit = MetadataEdit.fromJson(plan.edit());
            try {
                document = write(
                        pending,
                        edit.apply(
                                base(pending.imageSetId(), plan.baseVersion()),
                                new MetadataEdit.Options(plan.force(), primary)));
                for (WorkPlans.StudyMember member : plan.studyMembers()) {
                    memberDocuments.add(write(
                            pending,
                            edit.studyPart()
                                    .apply(
                                            base(member.imageSetId(), member.baseVersion()),
                                            new MetadataEdit.Options(plan.force(), true))));
                }
            } catch (InvalidRequest e) {
                fail(pending, lease, FailureCode.INVALID_REQUEST.message(e.getMessage()));
                return;
            }
        }
        Checkpoints.reach("image-set-work.documents-written");
        store.write(tx -> {
            if (!stillPending(tx, pending, lease)) {
                return null;
            }
            Instant now = now();
            finishVersion(
                    tx,
                    pending.imageSetId(),
                    pending.version(),
                    WorkflowStatus.UPDATED,
                    now,
                    Optional.empty(),
                    Optional.of(VersionDocument.whole(document.blobKey())),
                    Optional.of(document.facts()));
            for (int i = 0; i < plan.studyMembers().size(); i++) {
                WorkPlans.StudyMember member = plan.studyMembers().get(i);
                DocumentBlobs.StoredDocument memberDocument = memberDocuments.get(i);
                finishVersion(
                        tx,
                        member.imageSetId(),
                        member.baseVersion() + 1,
                        WorkflowStatus.UPDATED,
                        now,
                        Optional.empty(),
                        Optional.of(VersionDocument.whole(memberDocument.blobKey())),
                        Optional.of(memberDocument.facts()));
            }
            tx.imageSets().deleteWork(pending.key());
            return null;
        });
    }

    @Override
    void fail(PendingWork pending, Lease lease, String message) {
        WorkPlans.Update plan = WorkPlans.read(pending.plan(), WorkPlans.Update.class);
        store.write(tx -> {
            if (!stillPending(tx, pending, lease)) {
                return null;
            }
            Instant now = now();
            finishFailed(tx, pending.imageSetId(), plan.baseVersion(), message, now);
            for (WorkPlans.StudyMember member : plan.studyMembers()) {
                finishFailed(tx, member.imageSetId(), member.baseVersion(), message, now);
            }
            tx.imageSets().deleteWork(pending.key());
            return null;
        });
    }

    /**
     * The failed version keeps the base version's document (the version right before it, so a folded document's parts
     * are the same): the image set's content does not change.
     */
    private static void finishFailed(Transaction tx, String imageSetId, int baseVersion, String message, Instant now) {
        Optional<VersionDocument> document =
                tx.imageSets().findVersion(imageSetId, baseVersion).flatMap(ImageSetVersion::document);
        finishVersion(
                tx,
                imageSetId,
                baseVersion + 1,
                WorkflowStatus.UPDATE_FAILED,
                now,
                Optional.of(message),
                document,
                Optional.empty());
    }

    private ObjectNode base(String imageSetId, int version) throws IOException {
        return documents.readTree(documentOf(imageSetId, version));
    }
}
