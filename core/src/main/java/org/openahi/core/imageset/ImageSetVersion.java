package org.openahi.core.imageset;

import java.time.Instant;
import java.util.Optional;

/**
 * One version of an image set, as recorded when it was made: properties plus where its immutable metadata document
 * is (none while the version is LOCKED, or once the image set is DELETED). {@code createdAt} is the image set's
 * creation time, the same in every version.
 */
public record ImageSetVersion(
        String imageSetId,
        int version,
        ImageSetState state,
        WorkflowStatus workflowStatus,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> deletedAt,
        Optional<String> message,
        boolean forced,
        boolean primary,
        Optional<VersionDocument> document) {

    /** This pending version once its work ended at {@code at}, with the document it ended with (if any). */
    public ImageSetVersion finished(
            WorkflowStatus status, Instant at, Optional<String> failure, Optional<VersionDocument> document) {
        return new ImageSetVersion(
                imageSetId,
                version,
                ImageSetState.ACTIVE,
                status,
                createdAt,
                at,
                Optional.empty(),
                failure,
                forced,
                primary,
                document);
    }

    /** This pending version once the image set was deleted at {@code at}. */
    public ImageSetVersion deleted(Instant at) {
        return new ImageSetVersion(
                imageSetId,
                version,
                ImageSetState.DELETED,
                WorkflowStatus.DELETED,
                createdAt,
                at,
                Optional.of(at),
                Optional.empty(),
                forced,
                primary,
                Optional.empty());
    }
}
