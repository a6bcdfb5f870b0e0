package org.openahi.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite in WAL mode: one writer connection (so writers queue at its gate instead of failing with SQLITE_BUSY) whose
 * IMMEDIATE transactions {@link SqliteWriteLock} begins and ends, and a pool of readers that never block it. Commits are
 * fsynced (synchronous=FULL): an acknowledged write survives a crash or power loss.
 */
final class SqliteDialect implements Dialect {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final HikariDataSource readers;
    private final HikariDataSource writers;
    private final ConnectionGate readerGate;
    private final ConnectionGate writerGate;
    private final SqliteWriteLock writeLock;
    private final String url;
    /** This store's connections' statements, kept between their transactions. */
    private final KeptStatements.PerConnection keptStatements = new KeptStatements.PerConnection();

    SqliteDialect(JdbcSettings settings) {
        url = settings.url();
        if (settings.url().contains(":memory:") || settings.url().equals("jdbc:sqlite:")) {
            // Every pooled connection would see its own empty database.
            throw new IllegalArgumentException("An in-memory SQLite database cannot back a pooled store; use a file");
        }
        createParentDirectory(settings.url());
        SqliteNativeLibrary.useUnpackedCopy();
        writers = writerPool(settings.url());
        writerGate = new ConnectionGate("sqlite-writer", writers, 1);
        writeLock = new SqliteWriteLock(writers);
        int readerConnections = Math.max(2, settings.pool().maxConnections());
        readers = pool(settings.url(), "openahi-sqlite-reader", readerConnections, true);
        readerGate = new ConnectionGate("sqlite-reader", readers, readerConnections);
    }

    @Override
    public ConnectionGate gate(boolean write) {
        return write ? writerGate : readerGate;
    }

    @Override
    public List<PoolUsage> usage() {
        return List.of(readerGate.usage(), writerGate.usage());
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

    /**
     * A write holds the write lock before its first statement. A reader's connection comes with autocommit off:
     * sqlite-jdbc begins its DEFERRED transaction, a snapshot, at the first statement.
     */
    @Override
    public void begin(Connection connection, boolean write) throws SQLException {
        if (write) {
            writeLock.hold(connection);
        }
    }

    /** Statements kept per connection ({@link KeptStatements}). */
    @Override
    public Sql sql(Connection connection) throws SQLException {
        return new Sql(connection, keptStatements.of(connection.unwrap(SQLiteConnection.class)));
    }

    @Override
    public void commit(Connection connection, boolean write) throws SQLException {
        if (write) {
            writeLock.commit(connection);
        } else {
            connection.commit();
        }
    }

    @Override
    public void rollback(Connection connection, boolean write) throws SQLException {
        if (write) {
            writeLock.rollback(connection);
        } else {
            connection.rollback();
        }
    }

    /**
     * The migration transaction is the writer's, so it reads the schema version under the write lock. Closing this
     * "lock" after the migration committed asks that this node hold the write lock again: a node whose lock another
     * process took between that COMMIT and the BEGIN after it is refused as that process would have been.
     */
    @Override
    public HeldLock lockForMigration(Connection connection) {
        return () -> writeLock.hold(connection);
    }

    /** This process has a single writer connection, and it holds the file's write lock: writers run one at a time. */
    @Override
    public HeldLock lockOutOtherWriters(Connection connection) {
        return () -> {};
    }

    /**
     * A busy writer means another process holds the file (this one has a single, gated writer connection) and the
     * writer's BEGIN has waited the busy timeout already: a retry would not help. Readers may retry.
     */
    @Override
    public boolean isRetryable(SQLException e, boolean write) {
        int code = e.getErrorCode() & 0xff;
        return !write && (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code);
    }

    @Override
    public JdbcStoreException failure(SQLException e, int attempts) {
        return isBusy(e) ? heldByAnotherProcess(url, e) : Dialect.super.failure(e, attempts);
    }

    @Override
    public void close() {
        readers.close();
        writers.close();
    }

    /**
     * The writer connection holds the database's write lock for as long as the store is open, from the migration's
     * transaction on ({@link SqliteWriteLock}): a second process on the same file waits the busy timeout for it, then
     * is refused in words, here if it could not even open its connection (on a new file, setting WAL mode waits for
     * the lock too) or at its migration's BEGIN ({@link #failure}).
     */
    private static HikariDataSource writerPool(String url) {
        try {
            return pool(url, "openahi-sqlite-writer", 1, false);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException busy && isBusy(busy)) {
                throw heldByAnotherProcess(url, busy);
            }
            throw e;
        }
    }

    private static JdbcStoreException heldByAnotherProcess(String url, SQLException busy) {
        return new JdbcStoreException(
                "The SQLite database " + url + " is held by another process (another openahi?): a SQLite database "
                        + "serves one node; run several nodes on PostgreSQL",
                busy);
    }

    private static boolean isBusy(SQLException e) {
        return (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code;
    }

    /**
     * {@code reader}: connections with autocommit off, so that sqlite-jdbc begins a DEFERRED transaction at each read's
     * first statement. The writer's connection stays in autocommit mode for {@link SqliteWriteLock}.
     */
    private static HikariDataSource pool(String url, String name, int size, boolean reader) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        // A SQLite connection never goes stale; retiring one would make requests wait for its replacement.
        config.setMaxLifetime(0);
        config.setAutoCommit(!reader);
        config.setConnectionTimeout(30_000);
        return Dialect.filled(new HikariDataSource(config), size);
    }

    /** The file part of a {@code jdbc:sqlite:} URL: what follows the prefix, without a query. */
    static String fileName(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        return query >= 0 ? file.substring(0, query) : file;
    }

    private static void createParentDirectory(String url) {
        String file = fileName(url);
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
