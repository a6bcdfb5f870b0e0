package org.openahi.store.jdbc;

import java.time.Instant;
import java.util.Optional;
import org.openahi.core.store.IdempotencyRepository;

final class JdbcIdempotencyRepository implements IdempotencyRepository {
    private final Sql sql;

    JdbcIdempotencyRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Entry> find(String scope, String clientToken) {
        return sql.queryOne(
                "SELECT fingerprint, resource_id FROM idempotency_token WHERE scope = ? AND client_token = ?",
                row -> new Entry(row.getString(1), row.getString(2)),
                scope,
                clientToken);
    }

    @Override
    public void insert(String scope, String clientToken, Entry entry, Instant createdAt) {
        sql.update(
                "INSERT INTO idempotency_token (scope, client_token, fingerprint, resource_id, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)",
                scope,
                clientToken,
                entry.fingerprint(),
                entry.resourceId(),
                createdAt.toEpochMilli());
    }
}
