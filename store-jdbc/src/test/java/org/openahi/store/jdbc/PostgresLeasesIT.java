package org.openahi.store.jdbc;

import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.LeasesContract;
import org.openahi.testing.EmbeddedPostgres;

class PostgresLeasesIT extends LeasesContract {
    @Override
    protected MetadataStore openStore() {
        return JdbcMetadataStore.open(JdbcSettings.of(EmbeddedPostgres.shared().createDatabase()));
    }
}
