package org.openahi.store.jdbc;

import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.EventOutboxContract;
import org.openahi.testing.EmbeddedPostgres;

class PostgresEventOutboxIT extends EventOutboxContract {
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
