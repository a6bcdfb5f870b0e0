package org.openahi.store.jdbc;

import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.MetadataStoreContract;
import org.openahi.testing.EmbeddedPostgres;

class PostgresMetadataStoreIT extends MetadataStoreContract {
    private String url;

    @Override
    protected MetadataStore openStore() {
        url = EmbeddedPostgres.shared().createDatabase();
        return JdbcMetadataStore.open(JdbcSettings.of(url));
    }

    @Override
    protected MetadataStore reopen(MetadataStore current) {
        current.close();
        return JdbcMetadataStore.open(JdbcSettings.of(url));
    }
}
