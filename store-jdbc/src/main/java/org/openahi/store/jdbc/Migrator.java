package org.openahi.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date with the numbered migrations listed in {@code migration/index}. A
 * migration is {@code <dialect>/<file>} when the dialect needs its own SQL, else {@code common/<file>}.
 * Applied versions are recorded in {@code openahi_schema}; a database from a newer openahi is refused.
 */
final class Migrator {
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
  private static final String ROOT = "migration/";

  private final Dialect dialect;

  Migrator(Dialect dialect) {
    this.dialect = dialect;
  }

  void migrate(Connection connection) throws SQLException {
    dialect.lockForMigration(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS openahi_schema (version INTEGER PRIMARY KEY, "
          + "description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    }
    List<String> migrations = resource("index").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    int current = currentVersion(connection);
    if (current > migrations.size()) {
      throw new IllegalStateException("The database has schema version " + current + " but this openahi knows "
          + migrations.size() + " migrations: it was written by a newer openahi");
    }
    for (int version = current + 1; version <= migrations.size(); version++) {
      String file = migrations.get(version - 1);
      LOG.info("Applying {} migration {}: {}", dialect.name(), version, file);
      for (String sql : statements(sqlFor(file))) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(sql);
        }
      }
      try (var insert = connection.prepareStatement(
          "INSERT INTO openahi_schema (version, description, applied_at) VALUES (?, ?, ?)")) {
        insert.setInt(1, version);
        insert.setString(2, file);
        insert.setLong(3, System.currentTimeMillis());
        insert.executeUpdate();
      }
    }
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet row = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM openahi_schema")) {
      row.next();
      return row.getInt(1);
    }
  }

  private String sqlFor(String file) {
    String specific = dialect.name() + "/" + file;
    return getClass().getResource(ROOT + specific) != null ? resource(specific) : resource("common/" + file);
  }

  /** Splits a migration into statements; migrations hold no procedures and no semicolons in literals. */
  private static List<String> statements(String sql) {
    String withoutComments = sql.lines().filter(line -> !line.strip().startsWith("--"))
        .collect(Collectors.joining("\n"));
    return Arrays.stream(withoutComments.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private String resource(String name) {
    try (InputStream in = getClass().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing migration resource " + ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
