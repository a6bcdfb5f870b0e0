package org.openahi.core.imageset;

import java.time.Instant;

/**
 * An image set as it stands now: its latest version number, its current state and status (a copy source is
 * LOCKED / COPYING_WITH_READ_ONLY_ACCESS without a new version), when it last changed, and its DICOM identity.
 */
public record ImageSet(
        String id,
        String datastoreId,
        Instant createdAt,
        Instant updatedAt,
        int latestVersion,
        ImageSetState state,
        WorkflowStatus workflowStatus,
        boolean primary,
        ImageSetIdentity identity) {

    public ImageSet withState(ImageSetState newState, WorkflowStatus newStatus) {
        return new ImageSet(
                id, datastoreId, createdAt, updatedAt, latestVersion, newState, newStatus, primary, identity);
    }

    /** The image set once {@code version} was made at {@code at}. */
    public ImageSet atVersion(int version, ImageSetState newState, WorkflowStatus newStatus, Instant at) {
        return new ImageSet(id, datastoreId, createdAt, at, version, newState, newStatus, primary, identity);
    }

    public ImageSet withIdentity(ImageSetIdentity newIdentity) {
        return new ImageSet(
                id, datastoreId, createdAt, updatedAt, latestVersion, state, workflowStatus, primary, newIdentity);
    }
}
