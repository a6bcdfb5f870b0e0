package org.openahi.core.memory;

import java.time.Instant;
import java.util.Optional;
import org.openahi.core.memory.MemoryTables.Pair;
import org.openahi.core.store.IdempotencyRepository;

final class MemoryIdempotencyRepository implements IdempotencyRepository {
    private final MemoryTables tables;

    MemoryIdempotencyRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public Optional<Entry> find(String scope, String clientToken) {
        return Optional.ofNullable(tables.idempotency.get(new Pair<>(scope, clientToken)));
    }

    @Override
    public void insert(String scope, String clientToken, Entry entry, Instant createdAt) {
        tables.insert(tables.idempotency, new Pair<>(scope, clientToken), entry, "idempotency token");
    }
}
