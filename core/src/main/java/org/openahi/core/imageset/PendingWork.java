package org.openahi.core.imageset;

import java.util.Optional;

/**
 * Background work a write left LOCKED: the image set version it completes, what to do, the plan (JSON) needed
 * to do it, so the work survives a restart, and how many runs have taken it on.
 */
public record PendingWork(String imageSetId, int version, Kind kind, String plan, int attempts) {

    public enum Kind {
        UPDATE,
        COPY,
        DELETE
    }

    /** The key of the work item: image set and version. */
    public record Key(String imageSetId, int version) {
        /** The id the work's blobs are written under (see {@link org.openahi.core.blob.BlobCleanup}). */
        public String workId() {
            return imageSetId + "-" + version;
        }
    }

    public Key key() {
        return new Key(imageSetId, version);
    }

    /** The image set a copy reads from; empty for updates and deletes. */
    public Optional<String> copySource() {
        return kind == Kind.COPY
                ? Optional.of(WorkPlans.read(plan, WorkPlans.Copy.class).sourceImageSetId())
                : Optional.empty();
    }
}
