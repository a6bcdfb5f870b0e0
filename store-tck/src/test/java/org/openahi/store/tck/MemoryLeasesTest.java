package org.openahi.store.tck;

import org.openahi.core.memory.MemoryMetadataStore;
import org.openahi.core.store.MetadataStore;

class MemoryLeasesTest extends LeasesContract {
    @Override
    protected MetadataStore openStore() {
        return new MemoryMetadataStore();
    }
}
