package org.openahi.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.EventOutboxContract;

class SqliteEventOutboxTest extends EventOutboxContract {
    @TempDir
    Path folder;

    private Path file;

    @Override
    protected MetadataStore openStore() {
        file = folder.resolve("openahi.db");
        return JdbcMetadataStore.open(JdbcSettings.of("jdbc:sqlite:" + file));
    }

    @Override
    protected MetadataStore reopen(MetadataStore current) {
        current.close();
        return JdbcMetadataStore.open(JdbcSettings.of("jdbc:sqlite:" + file));
    }
}
