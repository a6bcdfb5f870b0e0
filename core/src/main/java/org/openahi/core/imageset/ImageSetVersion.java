package org.openahi.core.imageset;

import java.time.Instant;
import java.util.Optional;

/**
 * One version of an image set, as recorded when it was made: properties plus the key of its own immutable
 * metadata document. {@code createdAt} is the image set's creation time, the same in every version.
 */
public record ImageSetVersion(String imageSetId, int version, ImageSetState state, WorkflowStatus workflowStatus,
                              Instant createdAt, Instant updatedAt, Optional<Instant> deletedAt,
                              Optional<String> message, boolean forced, boolean primary,
                              Optional<String> metadataBlob) {
}
