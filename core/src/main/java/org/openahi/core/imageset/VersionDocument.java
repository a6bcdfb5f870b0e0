package org.openahi.core.imageset;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a version's metadata document is. A whole document is one gzip blob ({@code blob}). A version an ingest
 * made keeps only the instances it added, as document parts ({@link DocumentPart}): its document is that of version
 * {@code partsBase} (none when 0) with the parts of the versions after it up to this one folded in, under the
 * Patient, Study and Series attributes {@code levels} (JSON, the three levels merged), and {@code blob} is that
 * document once a reader has written it out whole. An ingest's cost then does not grow with the image set; reading a
 * document costs what its size does, as before.
 */
public record VersionDocument(Optional<String> blob, OptionalInt partsBase, Optional<String> levels) {

    public VersionDocument {
        if (blob.isEmpty() && partsBase.isEmpty()) {
            throw new IllegalArgumentException("A version's document is a blob, parts, or both");
        }
        if (partsBase.isPresent() != levels.isPresent()) {
            throw new IllegalArgumentException("A folded document has both its base and its levels");
        }
    }

    public static VersionDocument whole(String blobKey) {
        return new VersionDocument(Optional.of(blobKey), OptionalInt.empty(), Optional.empty());
    }

    /** The document of version {@code base} (0: none) plus the parts folded in after it, under {@code levels}. */
    public static VersionDocument folded(int base, String levels) {
        return new VersionDocument(Optional.empty(), OptionalInt.of(base), Optional.of(levels));
    }

    /**
     * The base of a version folded on top of the version this document belongs to, {@code version}: that version
     * itself when its whole document is written, else the same base (its own parts come along).
     */
    public int baseForNextParts(int version) {
        return blob.isPresent() ? version : partsBase.getAsInt();
    }
}
