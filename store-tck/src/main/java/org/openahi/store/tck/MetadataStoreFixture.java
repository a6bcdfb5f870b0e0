package org.openahi.store.tck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.TransactionBody;

/** What every contract over a {@link MetadataStore} shares: a new, empty store for each test, closed after it. */
public abstract class MetadataStoreFixture {
    protected MetadataStore store;

    /** A new, empty store. */
    protected abstract MetadataStore openStore() throws Exception;

    @BeforeEach
    void openTheStore() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }

    protected <T> T read(TransactionBody<T> work) {
        return store.read(work);
    }

    protected <T> T write(TransactionBody<T> work) {
        return store.write(work);
    }
}
