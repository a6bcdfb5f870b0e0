package org.openahi.core.tier;

import java.time.Instant;

/**
 * An image set's tier and when it was last accessed (its creation until it is first read). {@code blobsArchived}
 * says whether its blobs were moved to the archive blob location, where one is configured.
 */
public record TierState(String imageSetId, Instant lastAccessedAt, StorageTier tier, boolean blobsArchived) {}
