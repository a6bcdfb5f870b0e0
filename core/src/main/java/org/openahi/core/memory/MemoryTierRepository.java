package org.openahi.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.memory.MemoryTables.ImageSetRow;
import org.openahi.core.memory.MemoryTables.TierRow;
import org.openahi.core.tier.StorageTier;
import org.openahi.core.tier.TierRepository;
import org.openahi.core.tier.TierState;

final class MemoryTierRepository implements TierRepository {
    private final MemoryTables tables;

    MemoryTierRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public Map<String, TierState> find(Collection<String> imageSetIds) {
        Map<String, TierState> states = new LinkedHashMap<>();
        for (String id : imageSetIds) {
            ImageSetRow row = tables.imageSets.get(id);
            if (row != null) {
                states.put(id, state(row.imageSet()));
            }
        }
        return states;
    }

    @Override
    public void recordAccess(String imageSetId, Instant at) {
        TierRow row = tables.tiers.get(imageSetId);
        tables.writing(tables.tiers)
                .put(imageSetId, new TierRow(at, StorageTier.FREQUENT_ACCESS, row != null && row.blobsArchived()));
    }

    @Override
    public List<TierState> untouchedSince(Instant before, int limit) {
        return live().map(this::state)
                .filter(state -> state.tier() == StorageTier.FREQUENT_ACCESS)
                .filter(state -> state.lastAccessedAt().isBefore(before))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean archive(String imageSetId, Instant lastAccessedAt) {
        TierRow row = tables.tiers.get(imageSetId);
        if (row == null) {
            row = new TierRow(lastAccessedAt, StorageTier.FREQUENT_ACCESS, false);
        } else if (row.lastAccessedAt().isAfter(lastAccessedAt)) {
            return false;
        }
        tables.writing(tables.tiers)
                .put(
                        imageSetId,
                        new TierRow(row.lastAccessedAt(), StorageTier.ARCHIVE_INSTANT_ACCESS, row.blobsArchived()));
        return true;
    }

    @Override
    public List<TierState> misplacedBlobs(int limit) {
        return live().map(this::state)
                .filter(state -> (state.tier() == StorageTier.ARCHIVE_INSTANT_ACCESS) != state.blobsArchived())
                .limit(limit)
                .toList();
    }

    @Override
    public void blobsAdded(String imageSetId) {
        setBlobsArchived(imageSetId, false);
    }

    @Override
    public void setBlobsArchived(String imageSetId, boolean archived) {
        tables.writing(tables.tiers)
                .computeIfPresent(imageSetId, (id, row) -> new TierRow(row.lastAccessedAt(), row.tier(), archived));
    }

    /** Image sets that are not DELETED, by id. */
    private Stream<ImageSet> live() {
        return tables.imageSets.values().stream()
                .map(ImageSetRow::imageSet)
                .filter(set -> set.state() != ImageSetState.DELETED)
                .sorted(Comparator.comparing(ImageSet::id));
    }

    /** The set's row, or what it reads as without one: never accessed since its creation. */
    private TierState state(ImageSet set) {
        TierRow row = tables.tiers.get(set.id());
        return row == null
                ? new TierState(set.id(), set.createdAt(), StorageTier.FREQUENT_ACCESS, false)
                : new TierState(set.id(), row.lastAccessedAt(), row.tier(), row.blobsArchived());
    }
}
