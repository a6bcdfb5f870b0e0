package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.importing.ImportStorage;
import org.openahi.core.memory.MemoryImportStorage;

class MemoryImportStorageTest extends ImportStorageContract {
    private final MemoryImportStorage memory = new MemoryImportStorage();
    private final AtomicInteger folders = new AtomicInteger();

    @Override
    protected ImportStorage openStorage() {
        return memory;
    }

    @Override
    protected String newFolder() {
        return MemoryImportStorage.SCHEME + "bucket/in-" + folders.incrementAndGet() + "/";
    }

    @Override
    protected void putInput(String folderUri, String relativePath, byte[] content) {
        memory.put(folderUri + relativePath, content);
    }

    @Test
    void aUriOfAnotherSchemeIsRefusedNamingIt() {
        assertThatThrownBy(() -> memory.list("s3://bucket/in/"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("s3://bucket/in/");
    }
}
