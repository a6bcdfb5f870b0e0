package org.openahi.server.history;

import java.time.Clock;
import java.util.List;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.VersionAuthor;
import org.openahi.core.store.MetadataStore;

/**
 * Records who made an image set's new version, from the {@link Caller} of the request that made it, and reads them
 * back for the history extension ({@code /_openahi/history/...}) and the history view.
 */
public final class VersionAuthors {
    private final MetadataStore store;
    private final Clock clock;

    public VersionAuthors(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records the current caller as the author of {@code imageSet}'s latest version, made by {@code action}. */
    public void recordLatest(ImageSet imageSet, String action) {
        Caller.current()
                .ifPresent(caller -> store.write(tx -> {
                    tx.versionAuthors()
                            .record(new VersionAuthor(
                                    imageSet.id(),
                                    imageSet.latestVersion(),
                                    caller.principalArn(),
                                    caller.requestId(),
                                    action,
                                    clock.instant()));
                    return null;
                }));
    }

    public List<VersionAuthor> list(String imageSetId) {
        return store.read(tx -> tx.versionAuthors().list(imageSetId));
    }
}
