package org.openahi.store.jdbc;

import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.ImportJobContract;
import org.openahi.testing.EmbeddedPostgres;

class PostgresImportJobIT extends ImportJobContract {
    @Override
    protected MetadataStore openStore() {
        return JdbcMetadataStore.open(JdbcSettings.of(EmbeddedPostgres.shared().createDatabase()));
    }
}
