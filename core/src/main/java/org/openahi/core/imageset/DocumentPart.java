package org.openahi.core.imageset;

import org.openahi.core.metadata.InstanceMetadata;

/**
 * One instance an ingest folded into an image set: its part of the metadata document, added by {@code version}
 * at position {@code seq} (see {@link VersionDocument}). {@code partId} is the id it was staged under.
 */
public record DocumentPart(String partId, int version, int seq, InstanceMetadata metadata) {

    /** Where a part is, without its content: what assembling a document reads first. */
    public record Key(int version, int seq, String sopInstanceUid) {}

    /** The image set and version a staged instance was folded into. */
    public record Location(String imageSetId, int version) {}

    public Key key() {
        return new Key(version, seq, metadata.sopInstanceUid());
    }
}
