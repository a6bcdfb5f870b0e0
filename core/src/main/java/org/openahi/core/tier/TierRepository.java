package org.openahi.core.tier;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Image sets' tiers. An image set without a row was never accessed and is in {@code FREQUENT_ACCESS}, its
 * {@code lastAccessedAt} its creation; the repository answers for it as if it had that row.
 */
public interface TierRepository {

    /** The states of those image sets (that exist), by id. */
    Map<String, TierState> find(Collection<String> imageSetIds);

    /** Records an access: {@code lastAccessedAt} becomes {@code at}, the tier {@code FREQUENT_ACCESS}. */
    void recordAccess(String imageSetId, Instant at);

    /** Up to {@code limit} image sets (not DELETED) in {@code FREQUENT_ACCESS} last accessed before {@code before}. */
    List<TierState> untouchedSince(Instant before, int limit);

    /** Moves the image set to {@code ARCHIVE_INSTANT_ACCESS}, unless it was accessed after {@code lastAccessedAt}. */
    boolean archive(String imageSetId, Instant lastAccessedAt);

    /**
     * Up to {@code limit} image sets (not DELETED) whose blobs are not where their tier wants them: archived sets whose
     * blobs are in the primary location, frequently accessed ones whose blobs are in the archive location.
     */
    List<TierState> misplacedBlobs(int limit);

    /** New blobs of the image set are in the primary location: if its blobs were archived, not all of them are now. */
    void blobsAdded(String imageSetId);

    /** Records where the image set's blobs now are. */
    void setBlobsArchived(String imageSetId, boolean archived);
}
