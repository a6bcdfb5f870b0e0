package org.openahi.core.imageset;

import java.time.Instant;

/** An image set as it stands now: its latest version's state and status, and its DICOM identity. */
public record ImageSet(String id, String datastoreId, Instant createdAt, int latestVersion, ImageSetState state,
                       WorkflowStatus workflowStatus, boolean primary, ImageSetIdentity identity) {
}
