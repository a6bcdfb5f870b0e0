package org.openahi.store.jdbc;

import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.ExportJobContract;
import org.openahi.testing.EmbeddedPostgres;

class PostgresExportJobIT extends ExportJobContract {
    @Override
    protected MetadataStore openStore() {
        return JdbcMetadataStore.open(JdbcSettings.of(EmbeddedPostgres.shared().createDatabase()));
    }
}
