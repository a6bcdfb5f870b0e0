package org.openahi.store.jdbc;

import java.util.HexFormat;
import java.util.function.Supplier;
import org.openahi.core.store.SecretRepository;

final class JdbcSecretRepository implements SecretRepository {
  private final Sql sql;

  JdbcSecretRepository(Sql sql) {
    this.sql = sql;
  }

  @Override
  public byte[] getOrCreate(String name, Supplier<byte[]> generator) {
    sql.update("INSERT INTO server_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        name, HexFormat.of().formatHex(generator.get()));
    return sql.queryOne("SELECT secret FROM server_secret WHERE name = ?", row -> row.getString(1), name)
        .map(HexFormat.of()::parseHex)
        .orElseThrow(() -> new IllegalStateException("Secret " + name + " vanished inside its transaction"));
  }
}
