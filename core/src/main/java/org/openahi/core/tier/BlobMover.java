package org.openahi.core.tier;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openahi.core.blob.TieredBlobStore;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts image sets' blobs (frames and metadata documents) where their tier wants them: those of archived image sets
 * moved to the archive location, those of image sets accessed again copied back to the primary one (the archived
 * copies stay, see {@link TieredBlobStore#restore}). Reads are served from wherever a blob is, so a move is never in
 * a reader's way; an image set is recorded as moved only once all its blobs are, and a move interrupted (a crash, a
 * restart, the image set accessed meanwhile) is made again from the start at a later sweep.
 */
public final class BlobMover {
    private static final Logger LOG = LoggerFactory.getLogger(BlobMover.class);
    private static final int BATCH = 100;

    private final MetadataStore store;
    private final TieredBlobStore blobs;

    public BlobMover(MetadataStore store, TieredBlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /** Moves the blobs of every image set whose blobs are not where its tier wants them; returns how many sets moved. */
    public int moveMisplaced() {
        int moved = 0;
        while (true) {
            List<TierState> misplaced = store.read(tx -> tx.tiers().misplacedBlobs(BATCH));
            int movedNow = 0;
            for (TierState state : misplaced) {
                try {
                    if (move(state)) {
                        movedNow++;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn(
                            "Could not move the blobs of image set {} (retried at the next sweep): {}",
                            state.imageSetId(),
                            e.getMessage());
                }
            }
            moved += movedNow;
            if (misplaced.size() < BATCH || movedNow == 0) {
                return moved;
            }
        }
    }

    /**
     * Moves the image set's blobs, stopping early when its tier changes meanwhile. Either way its blobs are then recorded
     * as moved: a stopped move leaves some blobs on each side, which the move the new tier asks for at the next sweep
     * gathers (archived copies are kept, so it finds every blob).
     */
    private boolean move(TierState state) throws IOException {
        boolean toArchive = state.tier() == StorageTier.ARCHIVE_INSTANT_ACCESS;
        String imageSetId = state.imageSetId();
        List<String> keys = store.read(tx -> tx.imageSets().contentBlobs(imageSetId));
        boolean finished = true;
        for (String key : keys) {
            if (toArchive) {
                blobs.archive(key, () -> tierOf(imageSetId) == state.tier());
            } else {
                blobs.restore(key);
            }
            if (tierOf(imageSetId) != state.tier()) {
                finished = false;
                break;
            }
        }
        store.write(tx -> {
            // Blobs added meanwhile (an import) or replaced (a pending frame encoded) were not moved: the image set
            // stays misplaced, and the next sweep moves them.
            if (Set.copyOf(tx.imageSets().contentBlobs(imageSetId)).equals(Set.copyOf(keys))) {
                tx.tiers().setBlobsArchived(imageSetId, toArchive);
            }
            return null;
        });
        if (finished) {
            LOG.info("{} the {} blobs of image set {}", toArchive ? "Archived" : "Restored", keys.size(), imageSetId);
        }
        return finished;
    }

    private StorageTier tierOf(String imageSetId) {
        Map<String, TierState> states = store.read(tx -> tx.tiers().find(List.of(imageSetId)));
        TierState state = states.get(imageSetId);
        return state == null ? null : state.tier();
    }
}
