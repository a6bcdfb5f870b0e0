package org.openahi.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.ImportJobContract;

class SqliteImportJobTest extends ImportJobContract {
    @TempDir
    Path folder;

    @Override
    protected MetadataStore openStore() {
        return JdbcMetadataStore.open(JdbcSettings.of("jdbc:sqlite:" + folder.resolve("openahi.db")));
    }
}
