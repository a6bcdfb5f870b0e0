package org.openahi.core.datastore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openahi.core.page.Cursor;

/** Storage port for data stores; called inside a {@link org.openahi.core.store.MetadataStore} transaction. */
public interface DatastoreRepository {

    void insert(Datastore datastore);

    Optional<Datastore> find(String id);

    /**
     * Data stores newest first (createdAt, then id, descending), optionally with one status, starting after
     * {@code after}; at most {@code limit}.
     */
    List<Datastore> listNewestFirst(Optional<DatastoreStatus> status, Optional<Cursor> after, int limit);

    /** Data stores that count against the quota: every status but DELETED. */
    int countNotDeleted();

    void updateStatus(String id, DatastoreStatus status, Instant updatedAt);
}
