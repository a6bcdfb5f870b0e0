package org.openahi.store.tck;

import org.openahi.core.memory.MemoryMetadataStore;
import org.openahi.core.store.MetadataStore;

class MemoryEventOutboxTest extends EventOutboxContract {
    @Override
    protected MetadataStore openStore() {
        return new MemoryMetadataStore();
    }

    @Override
    protected MetadataStore reopen(MetadataStore current) {
        return ((MemoryMetadataStore) current).restart();
    }
}
