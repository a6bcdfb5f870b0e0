package org.openahi.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openahi.core.store.MetadataStore;
import org.openahi.store.tck.MetadataStoreContract;

class SqliteMetadataStoreTest extends MetadataStoreContract {
  private Path file;

  @Override
  protected MetadataStore openStore() throws Exception {
    file = Files.createTempDirectory("openahi-sqlite-").resolve("openahi.db");
    return JdbcMetadataStore.open(JdbcSettings.of("jdbc:sqlite:" + file));
  }

  @Override
  protected MetadataStore reopen(MetadataStore current) {
    current.close();
    return JdbcMetadataStore.open(JdbcSettings.of("jdbc:sqlite:" + file));
  }
}
