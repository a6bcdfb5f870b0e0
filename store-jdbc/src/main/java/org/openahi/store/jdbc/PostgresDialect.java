package org.openahi.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;

/**
 * PostgreSQL: one pool; writes run SERIALIZABLE (so check-then-insert logic such as quotas and idempotency
 * tokens stays correct across stateless nodes) and are retried on serialization failures and deadlocks;
 * reads run REPEATABLE READ, read only, for a consistent snapshot.
 */
final class PostgresDialect implements Dialect {
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    /** An arbitrary constant naming openahi's migration lock among the database's advisory locks. */
    private static final long MIGRATION_LOCK = 0x6f70656e616869L;

    private final HikariDataSource pool;
    private final Semaphore gate;

    PostgresDialect(JdbcSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("openahi-postgresql");
        config.setJdbcUrl(settings.url());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.maxConnections());
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        config.setConnectionTimeout(30_000);
        pool = Dialect.filled(new HikariDataSource(config), settings.maxConnections());
        gate = new Semaphore(settings.maxConnections(), true);
    }

    @Override
    public Semaphore gate(boolean write) {
        return gate;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public DataSource readers() {
        return pool;
    }

    @Override
    public DataSource writers() {
        return pool;
    }

    /**
     * A read costs no round trip of its own: REPEATABLE READ is every connection's default (set once, when the pool
     * opens it), and the driver begins a read-only connection's transaction with {@code BEGIN READ ONLY}, sent with its
     * first query. A write makes its transaction SERIALIZABLE with its first statement, which the driver sends with
     * the BEGIN. Setting the isolation through JDBC instead was a statement before the transaction and one more after
     * it, when the pool put the connection's default back: two round trips per transaction (PostgresReadRoundTripsIT).
     */
    @Override
    public void begin(Connection connection, boolean write) throws SQLException {
        connection.setReadOnly(!write);
        if (write) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            }
        }
    }

    /**
     * A session-level advisory lock taken outside any transaction: a lock taken inside the SERIALIZABLE migration
     * transaction came after its snapshot, so a node that waited for another's migration still read the old schema
     * version and failed on {@code relation "datastore" already exists}.
     */
    @Override
    public MigrationLock lockForMigration(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
        } finally {
            connection.setAutoCommit(false);
        }
        return () -> {
            try {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                }
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                // A pooled connection still holding the lock would block every other node's start: close its session.
                pool.evictConnection(connection);
                throw e;
            }
        };
    }

    @Override
    public boolean isRetryable(SQLException e) {
        return SERIALIZATION_FAILURE.equals(e.getSQLState()) || DEADLOCK_DETECTED.equals(e.getSQLState());
    }

    @Override
    public void close() {
        pool.close();
    }
}
