package org.openahi.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openahi.core.memory.MemoryTables.LeaseRow;
import org.openahi.core.memory.MemoryTables.Pair;
import org.openahi.core.work.LeaseLostException;
import org.openahi.core.work.Leases;

/** Leases by (kind, key); a released lease keeps its row, owner and epoch, with no expiry. */
final class MemoryLeases implements Leases {
    private final MemoryTables tables;

    MemoryLeases(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public OptionalLong claim(String kind, String key, String owner, Instant now, Instant expiresAt) {
        Pair<String, String> id = new Pair<>(kind, key);
        LeaseRow row = tables.leases.get(id);
        if (row != null && row.expiresAt() != null && !row.expiresAt().isBefore(now)) {
            return OptionalLong.empty();
        }
        long epoch = row == null ? 1 : row.epoch() + 1;
        tables.writing(tables.leases).put(id, new LeaseRow(owner, epoch, expiresAt));
        return OptionalLong.of(epoch);
    }

    @Override
    public boolean renew(String kind, String key, String owner, long epoch, Instant expiresAt) {
        Pair<String, String> id = new Pair<>(kind, key);
        LeaseRow row = tables.leases.get(id);
        if (!held(row, epoch) || !row.owner().equals(owner)) {
            return false;
        }
        tables.writing(tables.leases).put(id, new LeaseRow(owner, epoch, expiresAt));
        return true;
    }

    @Override
    public void release(String kind, String key, long epoch) {
        tables.writing(tables.leases)
                .computeIfPresent(
                        new Pair<>(kind, key),
                        (id, row) -> row.epoch() == epoch ? new LeaseRow(row.owner(), epoch, null) : row);
    }

    @Override
    public List<String> claimable(String kind, Instant now, int limit) {
        return tables.leases.entrySet().stream()
                .filter(entry -> entry.getKey().first().equals(kind))
                .filter(entry -> entry.getValue().expiresAt() != null
                        && entry.getValue().expiresAt().isBefore(now))
                .sorted(Comparator.comparing((Map.Entry<Pair<String, String>, LeaseRow> entry) ->
                                entry.getValue().expiresAt())
                        .thenComparing(entry -> entry.getKey().second()))
                .limit(limit)
                .map(entry -> entry.getKey().second())
                .toList();
    }

    @Override
    public void holds(String kind, String key, long epoch) {
        LeaseRow row = tables.leases.get(new Pair<>(kind, key));
        if (!held(row, epoch)) {
            // The owner of a later claim took it over; at the same epoch, the lease was released.
            Optional<String> holder = row != null && row.epoch() > epoch ? Optional.of(row.owner()) : Optional.empty();
            throw new LeaseLostException(kind, key, epoch, holder);
        }
    }

    private static boolean held(LeaseRow row, long epoch) {
        return row != null && row.epoch() == epoch && row.expiresAt() != null;
    }
}
