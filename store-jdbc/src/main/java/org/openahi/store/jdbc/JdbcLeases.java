package org.openahi.store.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openahi.core.work.LeaseLostException;
import org.openahi.core.work.Leases;

/**
 * Leases in table {@code lease}. Every statement that decides who holds an item writes its row, so on PostgreSQL two
 * SERIALIZABLE transactions deciding it at once conflict and one is retried; SQLite has one writer.
 */
final class JdbcLeases implements Leases {
    private final Sql sql;

    JdbcLeases(Sql sql) {
        this.sql = sql;
    }

    @Override
    public OptionalLong claim(String kind, String key, String owner, Instant now, Instant expiresAt) {
        int inserted = sql.update(
                "INSERT INTO lease (kind, item_key, owner, epoch, expires_at) VALUES (?, ?, ?, 1, ?) "
                        + "ON CONFLICT (kind, item_key) DO NOTHING",
                kind,
                key,
                owner,
                expiresAt.toEpochMilli());
        if (inserted == 0
                && sql.update(
                                "UPDATE lease SET owner = ?, epoch = epoch + 1, expires_at = ? WHERE kind = ? "
                                        + "AND item_key = ? AND (expires_at IS NULL OR expires_at < ?)",
                                owner,
                                expiresAt.toEpochMilli(),
                                kind,
                                key,
                                now.toEpochMilli())
                        == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(sql.queryOne(
                        "SELECT epoch FROM lease WHERE kind = ? AND item_key = ?", row -> row.getLong(1), kind, key)
                .orElseThrow());
    }

    @Override
    public boolean renew(String kind, String key, String owner, long epoch, Instant expiresAt) {
        return sql.update(
                        "UPDATE lease SET expires_at = ? WHERE kind = ? AND item_key = ? AND owner = ? AND epoch = ? "
                                + "AND expires_at IS NOT NULL",
                        expiresAt.toEpochMilli(),
                        kind,
                        key,
                        owner,
                        epoch)
                == 1;
    }

    @Override
    public void release(String kind, String key, long epoch) {
        sql.update(
                "UPDATE lease SET expires_at = NULL WHERE kind = ? AND item_key = ? AND epoch = ?", kind, key, epoch);
    }

    @Override
    public List<String> claimable(String kind, Instant now, int limit) {
        return sql.query(
                "SELECT item_key FROM lease WHERE kind = ? AND expires_at < ? "
                        + "ORDER BY expires_at, item_key LIMIT ?",
                row -> row.getString(1),
                kind,
                now.toEpochMilli(),
                limit);
    }

    @Override
    public void holds(String kind, String key, long epoch) {
        // An update rather than a read: it conflicts with a concurrent claim's update of the row.
        int held = sql.update(
                "UPDATE lease SET epoch = epoch WHERE kind = ? AND item_key = ? AND epoch = ? "
                        + "AND expires_at IS NOT NULL",
                kind,
                key,
                epoch);
        if (held != 1) {
            // The owner of a later claim took it over; at the same epoch, the lease was released.
            Optional<String> holder = sql.queryOne(
                    "SELECT owner FROM lease WHERE kind = ? AND item_key = ? AND epoch > ?",
                    row -> row.getString(1),
                    kind,
                    key,
                    epoch);
            throw new LeaseLostException(kind, key, epoch, holder);
        }
    }
}
