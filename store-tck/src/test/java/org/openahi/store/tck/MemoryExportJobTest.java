package org.openahi.store.tck;

import org.openahi.core.memory.MemoryMetadataStore;
import org.openahi.core.store.MetadataStore;

class MemoryExportJobTest extends ExportJobContract {
    @Override
    protected MetadataStore openStore() {
        return new MemoryMetadataStore();
    }
}
