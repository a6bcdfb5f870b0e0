package org.openahi.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openahi.core.tier.StorageTier;
import org.openahi.core.tier.TierRepository;
import org.openahi.core.tier.TierState;

/** Tiers in {@code image_set_tier}; an image set without a row reads as never accessed since its creation. */
final class JdbcTierRepository implements TierRepository {
    private static final String STATE = "SELECT i.id, COALESCE(t.last_accessed_at, i.created_at), "
            + "COALESCE(t.storage_tier, 'FREQUENT_ACCESS'), COALESCE(t.blobs_archived, 0) "
            + "FROM image_set i LEFT JOIN image_set_tier t ON t.image_set_id = i.id ";

    private final Sql sql;

    JdbcTierRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, TierState> find(Collection<String> imageSetIds) {
        if (imageSetIds.isEmpty()) {
            return Map.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(imageSetIds.size(), "?"));
        Map<String, TierState> states = new LinkedHashMap<>();
        sql.query(STATE + "WHERE i.id IN (" + placeholders + ")", JdbcTierRepository::state, imageSetIds.toArray())
                .forEach(state -> states.put(state.imageSetId(), state));
        return states;
    }

    @Override
    public void recordAccess(String imageSetId, Instant at) {
        sql.update(
                "INSERT INTO image_set_tier (image_set_id, last_accessed_at, storage_tier, blobs_archived) "
                        + "VALUES (?, ?, 'FREQUENT_ACCESS', 0) ON CONFLICT (image_set_id) DO UPDATE SET "
                        + "last_accessed_at = excluded.last_accessed_at, storage_tier = 'FREQUENT_ACCESS'",
                imageSetId,
                at.toEpochMilli());
    }

    @Override
    public List<TierState> untouchedSince(Instant before, int limit) {
        return sql.query(
                STATE + "WHERE i.state <> 'DELETED' AND COALESCE(t.storage_tier, 'FREQUENT_ACCESS') = "
                        + "'FREQUENT_ACCESS' AND COALESCE(t.last_accessed_at, i.created_at) < ? ORDER BY i.id LIMIT ?",
                JdbcTierRepository::state,
                before.toEpochMilli(),
                limit);
    }

    @Override
    public boolean archive(String imageSetId, Instant lastAccessedAt) {
        return sql.update(
                        "INSERT INTO image_set_tier (image_set_id, last_accessed_at, storage_tier, blobs_archived) "
                                + "VALUES (?, ?, 'ARCHIVE_INSTANT_ACCESS', 0) ON CONFLICT (image_set_id) DO UPDATE SET "
                                + "storage_tier = 'ARCHIVE_INSTANT_ACCESS' WHERE image_set_tier.last_accessed_at <= ?",
                        imageSetId,
                        lastAccessedAt.toEpochMilli(),
                        lastAccessedAt.toEpochMilli())
                == 1;
    }

    @Override
    public List<TierState> misplacedBlobs(int limit) {
        return new ArrayList<>(sql.query(
                STATE + "WHERE i.state <> 'DELETED' AND ((t.storage_tier = "
                        + "'ARCHIVE_INSTANT_ACCESS' AND t.blobs_archived = 0) OR (t.storage_tier = 'FREQUENT_ACCESS' "
                        + "AND t.blobs_archived = 1)) ORDER BY i.id LIMIT ?",
                JdbcTierRepository::state,
                limit));
    }

    @Override
    public void blobsAdded(String imageSetId) {
        sql.update(
                "UPDATE image_set_tier SET blobs_archived = 0 WHERE image_set_id = ? AND blobs_archived = 1",
                imageSetId);
    }

    @Override
    public void setBlobsArchived(String imageSetId, boolean archived) {
        sql.update("UPDATE image_set_tier SET blobs_archived = ? WHERE image_set_id = ?", archived ? 1 : 0, imageSetId);
    }

    private static TierState state(ResultSet row) throws SQLException {
        return new TierState(
                row.getString(1),
                Instant.ofEpochMilli(row.getLong(2)),
                StorageTier.valueOf(row.getString(3)),
                row.getInt(4) == 1);
    }
}
