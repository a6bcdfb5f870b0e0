package org.openahi.store.tck;

import org.openahi.core.memory.MemoryMetadataStore;
import org.openahi.core.store.MetadataStore;

class MemoryImageSetTest extends ImageSetContract {
    @Override
    protected MetadataStore openStore() {
        return new MemoryMetadataStore();
    }
}
