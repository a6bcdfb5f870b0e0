package org.openahi.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreRepository;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.page.Cursor;

final class MemoryDatastoreRepository implements DatastoreRepository {
    private static final Comparator<Datastore> NEWEST_FIRST = Comparator.comparing(Datastore::createdAt)
            .thenComparing(Datastore::id)
            .reversed();

    private final MemoryTables tables;

    MemoryDatastoreRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public void insert(Datastore datastore) {
        tables.insert(tables.datastores, datastore.id(), datastore, "datastore");
    }

    @Override
    public Optional<Datastore> find(String id) {
        return Optional.ofNullable(tables.datastores.get(id));
    }

    @Override
    public List<Datastore> listNewestFirst(Optional<DatastoreStatus> status, Optional<Cursor> after, int limit) {
        return tables.datastores.values().stream()
                .filter(d -> status.isEmpty() || d.status() == status.get())
                .filter(d -> after.isEmpty() || MemoryOrder.before(d.createdAt(), d.id(), after.get()))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public int countNotDeleted() {
        return (int) tables.datastores.values().stream()
                .filter(d -> d.status() != DatastoreStatus.DELETED)
                .count();
    }

    @Override
    public void updateStatus(String id, DatastoreStatus status, Instant updatedAt) {
        tables.writing(tables.datastores)
                .computeIfPresent(
                        id,
                        (key, d) -> new Datastore(
                                d.id(),
                                d.name(),
                                status,
                                d.kmsKeyArn(),
                                d.lambdaAuthorizerArn(),
                                d.losslessStorageFormat(),
                                d.createdAt(),
                                updatedAt));
    }
}
