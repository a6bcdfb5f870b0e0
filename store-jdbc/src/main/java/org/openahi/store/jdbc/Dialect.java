package org.openahi.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What differs between the databases the store runs on. Everything else is shared SQL. */
sealed interface Dialect extends AutoCloseable permits SqliteDialect, PostgresDialect {

  /** The folder of dialect-specific migrations, tried before the common one. */
  String name();

  DataSource readers();

  DataSource writers();

  /** Prepares a connection freshly taken from a pool for one transaction. */
  void begin(Connection connection, boolean write) throws SQLException;

  /** Serializes concurrent migrations (several nodes starting at once) inside the migration transaction. */
  void lockForMigration(Connection connection) throws SQLException;

  /** True for failures that a retry of the whole transaction can cure: busy database, serialization failure. */
  boolean isRetryable(SQLException e);

  @Override
  void close();

  static Dialect of(JdbcSettings settings) {
    if (settings.url().startsWith("jdbc:sqlite:")) {
      return new SqliteDialect(settings);
    }
    if (settings.url().startsWith("jdbc:postgresql:")) {
      return new PostgresDialect(settings);
    }
    throw new IllegalArgumentException("Unsupported database URL '" + settings.url()
        + "': use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<database>");
  }
}
