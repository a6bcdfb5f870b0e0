package org.openahi.store.jdbc;

import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.ImageSetContract;
import org.openahi.testing.EmbeddedPostgres;

class PostgresImageSetIT extends ImageSetContract {
    @Override
    protected MetadataStore openStore() {
        return JdbcMetadataStore.open(JdbcSettings.of(EmbeddedPostgres.shared().createDatabase()));
    }
}
