package org.openahi.store.tck;

import org.openahi.core.blob.BlobStore;
import org.openahi.core.memory.MemoryBlobStore;

class MemoryBlobStoreTest extends BlobStoreContract {
    @Override
    protected BlobStore openStore() {
        return new MemoryBlobStore();
    }
}
