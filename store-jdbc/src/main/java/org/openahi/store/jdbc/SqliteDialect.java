package org.openahi.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite in WAL mode: one writer connection (so writers queue in the pool instead of failing with
 * SQLITE_BUSY) beginning IMMEDIATE transactions, and a pool of readers that never block it. Commits are
 * fsynced (synchronous=FULL): an acknowledged write survives a crash or power loss.
 */
final class SqliteDialect implements Dialect {
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final HikariDataSource readers;
  private final HikariDataSource writers;
  private final Semaphore readerGate;
  private final Semaphore writerGate = new Semaphore(1, true);

  SqliteDialect(JdbcSettings settings) {
    if (settings.url().contains(":memory:") || settings.url().equals("jdbc:sqlite:")) {
      // Every pooled connection would see its own empty database.
      throw new IllegalArgumentException("An in-memory SQLite database cannot back a pooled store; use a file");
    }
    createParentDirectory(settings.url());
    SqliteNativeLibrary.useUnpackedCopy();
    writers = pool(settings.url(), "openahi-sqlite-writer", 1, false);
    int readerConnections = Math.max(2, settings.maxConnections());
    readers = pool(settings.url(), "openahi-sqlite-reader", readerConnections, true);
    readerGate = new Semaphore(readerConnections, true);
  }

  @Override
  public Semaphore gate(boolean write) {
    return write ? writerGate : readerGate;
  }

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public DataSource readers() {
    return readers;
  }

  @Override
  public DataSource writers() {
    return writers;
  }

  @Override
  public void begin(Connection connection, boolean write) {
    // The pool hands out connections with autocommit off; sqlite-jdbc begins the transaction (IMMEDIATE for
    // the writer) at the first statement.
  }

  @Override
  public void lockForMigration(Connection connection) {
    // The single writer connection and BEGIN IMMEDIATE already serialize migrations.
  }

  @Override
  public boolean isRetryable(SQLException e) {
    int code = e.getErrorCode() & 0xff;
    return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  @Override
  public void close() {
    readers.close();
    writers.close();
  }

  private static HikariDataSource pool(String url, String name, int size, boolean readOnly) {
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    sqlite.enforceForeignKeys(true);
    sqlite.setTransactionMode(readOnly ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
    dataSource.setUrl(url);
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    // A SQLite connection never goes stale; retiring one would make requests wait for its replacement.
    config.setMaxLifetime(0);
    config.setAutoCommit(false);
    config.setConnectionTimeout(30_000);
    return Dialect.filled(new HikariDataSource(config), size);
  }

  private static void createParentDirectory(String url) {
    String file = url.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the database directory " + parent, e);
    }
  }
}
