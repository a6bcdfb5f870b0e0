package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.memory.MemoryMetadataStore;
import org.openahi.core.store.MetadataStore;

class MemoryMetadataStoreTest extends MetadataStoreContract {
    @Override
    protected MetadataStore openStore() {
        return new MemoryMetadataStore();
    }

    @Override
    protected MetadataStore reopen(MetadataStore current) {
        return ((MemoryMetadataStore) current).restart();
    }

    @Test
    void aReadTransactionCannotWrite() {
        assertThatThrownBy(() -> store.read(tx -> {
                    tx.tags().put("arn:1", Map.of("k", "v"));
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read transaction");
        assertThat(store.<Map<String, String>>read(tx -> tx.tags().list("arn:1")))
                .isEmpty();
    }

    @Test
    void aWriteInsideAWriteIsRefusedInsteadOfWaitingForever() {
        assertThatThrownBy(() -> store.write(tx -> store.write(inner -> null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot start another write");
    }

    @Test
    void aRowWhoseParentIsMissingIsRefusedAsByAForeignKey() {
        assertThatThrownBy(() -> store.write(tx -> {
                    tx.importJobs().insertOutcome("no-such-job", 0, null);
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no import job no-such-job");
        store.write(tx -> {
            tx.datastores().insert(datastore("a", 1000, DatastoreStatus.ACTIVE));
            return null;
        });
        assertThat(store.<Integer>read(tx -> tx.datastores().countNotDeleted())).isEqualTo(1);
    }

    @Test
    void aClosedStoreSaysSo() {
        store.close();
        assertThatThrownBy(() -> store.read(tx -> null)).hasMessageContaining("closed");
    }
}
