package org.openahi.core.tier;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.openahi.core.blob.TieredBlobStore;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts image sets' blobs (frames and metadata documents) where their tier wants them: those of archived image sets
 * in the archive location, those of image sets accessed again back in the primary one. Reads are served from
 * wherever a blob is, so a move is never in a reader's way; an image set is recorded as moved only once all its
 * blobs are, and a move interrupted (a crash, a restart) is made again from the start.
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
          LOG.warn("Could not move the blobs of image set {} (retried at the next sweep): {}", state.imageSetId(),
              e.getMessage());
        }
      }
      moved += movedNow;
      if (misplaced.size() < BATCH || movedNow == 0) {
        return moved;
      }
    }
  }

  private boolean move(TierState state) throws IOException {
    boolean toArchive = state.tier() == StorageTier.ARCHIVE_INSTANT_ACCESS;
    String imageSetId = state.imageSetId();
    List<String> keys = store.read(tx -> tx.imageSets().contentBlobs(imageSetId));
    for (String key : keys) {
      if (!blobs.move(key, toArchive, () -> tierOf(imageSetId) == state.tier())) {
        if (tierOf(imageSetId) != state.tier()) {
          return false;
        }
      }
    }
    boolean recorded = store.write(tx -> {
      // Recorded only while the tier is still the one moved for; otherwise the next round moves the blobs back.
      TierState now = tx.tiers().find(List.of(imageSetId)).get(imageSetId);
      if (now == null || now.tier() != state.tier()) {
        return false;
      }
      tx.tiers().setBlobsArchived(imageSetId, toArchive);
      return true;
    });
    if (recorded) {
      LOG.info("Moved the {} blobs of image set {} to the {} location", keys.size(), imageSetId,
          toArchive ? "archive" : "primary");
    }
    return recorded;
  }

  private StorageTier tierOf(String imageSetId) {
    Map<String, TierState> states = store.read(tx -> tx.tiers().find(List.of(imageSetId)));
    TierState state = states.get(imageSetId);
    return state == null ? null : state.tier();
  }
}
