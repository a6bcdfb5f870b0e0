package org.openahi.dimse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.store.MetadataStore;

/**
 * The called AE title names the data store an association works on: the one the configuration maps it to, else the
 * ACTIVE data store whose name equals it. Looked up at each association, so data stores created or deleted since
 * start are seen.
 */
final class DatastoreAeTitles {
    /** More data stores than AHI's largest quota; a name is looked up among the ACTIVE ones. */
    private static final int MAX_LISTED = 10_000;

    private final MetadataStore store;
    private final Map<String, String> mapped;

    DatastoreAeTitles(MetadataStore store, Map<String, String> mapped) {
        this.store = store;
        this.mapped = Map.copyOf(mapped);
    }

    /** The data store's id, or why the called AE title names none. */
    sealed interface Resolution {}

    record Found(String datastoreId) implements Resolution {}

    record Unknown(String why) implements Resolution {}

    Resolution resolve(String calledAeTitle) {
        String id = mapped.get(calledAeTitle);
        if (id != null) {
            Optional<Datastore> datastore = store.read(tx -> tx.datastores().find(id));
            if (datastore.isEmpty() || datastore.get().status() != DatastoreStatus.ACTIVE) {
                return new Unknown("called AE " + calledAeTitle + " maps to data store " + id + ", which is "
                        + datastore.map(found -> found.status().toString()).orElse("missing"));
            }
            return new Found(id);
        }
        List<Datastore> named = store
                .read(tx -> tx.datastores()
                        .listNewestFirst(Optional.of(DatastoreStatus.ACTIVE), Optional.empty(), MAX_LISTED))
                .stream()
                .filter(datastore -> datastore.name().equals(calledAeTitle))
                .toList();
        return switch (named.size()) {
            case 0 -> new Unknown("no ACTIVE data store is named " + calledAeTitle + " and none is mapped to it");
            case 1 -> new Found(named.get(0).id());
            default ->
                new Unknown(named.size() + " ACTIVE data stores are named " + calledAeTitle
                        + "; map the AE title to one with OPENAHI_DIMSE_AE_TITLES");
        };
    }
}
