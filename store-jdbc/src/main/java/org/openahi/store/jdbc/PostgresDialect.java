package org.openahi.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * PostgreSQL: one pool; writes run SERIALIZABLE (so check-then-insert logic such as quotas and idempotency
 * tokens stays correct across stateless nodes) and are retried on serialization failures and deadlocks;
 * reads run REPEATABLE READ, read only, for a consistent snapshot.
 *
 * <p>The pool starts with {@link #SPARE} connections and grows to {@link JdbcSettings.Pool#maxConnections} as
 * transactions need them, keeping {@link #SPARE} idle beside those in use; a connection unused for
 * {@link JdbcSettings.Pool#idleTimeout} is closed. Nodes that idle hold few of the database's connections, so the
 * maximum can be sized for load. A transaction waits inside HikariCP only while the pool grows (the gate bounds
 * borrowers to the maximum, see {@link Dialect#filled}): the waits of a grown pool are at the gate.
 */
final class PostgresDialect implements Dialect {
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** An arbitrary constant naming openahi's migration lock among the database's advisory locks. */
    private static final long MIGRATION_LOCK = 0x6f70656e616869L;
    /**
     * The advisory lock every write transaction holds shared and a transaction running alone holds exclusive
     * ({@link #lockOutOtherWriters}).
     */
    private static final long WRITERS_LOCK = MIGRATION_LOCK + 1;
    /**
     * How long a transaction waits to run alone: a node stopped inside a write transaction (paused, partitioned) holds
     * its shared lock, and every write queued behind the wait waits as long.
     */
    private static final String ALONE_WAIT = "10s";

    /** Idle connections kept open beside those in use, so a transaction seldom waits for a connection to be made. */
    static final int SPARE = 2;

    private final HikariDataSource pool;
    private final ConnectionGate gate;

    PostgresDialect(JdbcSettings settings) {
        JdbcSettings.Pool limits = settings.pool();
        HikariConfig config = new HikariConfig();
        config.setPoolName("openahi-postgresql");
        config.setJdbcUrl(settings.url());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(limits.maxConnections());
        config.setMinimumIdle(Math.min(SPARE, limits.maxConnections()));
        config.setIdleTimeout(limits.idleTimeout().toMillis());
        config.setConnectionTimeout(limits.connectTimeout().toMillis());
        // A connection found idle is checked before use; the check is bounded below the wait for a connection.
        config.setValidationTimeout(Math.max(250, limits.connectTimeout().toMillis() / 2));
        // pgjdbc's own bound on opening a socket (seconds; its default is 10 s).
        config.addDataSourceProperty(
                "connectTimeout", Math.max(1, limits.connectTimeout().toSeconds()));
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new JdbcStoreException(
                    "Cannot connect to the database " + settings.url(),
                    e.getCause() instanceof SQLException cause ? cause : new SQLException(e.getMessage(), e));
        }
        gate = new ConnectionGate("postgresql", pool, limits.maxConnections());
    }

    @Override
    public ConnectionGate gate(boolean write) {
        return gate;
    }

    @Override
    public List<PoolUsage> usage() {
        return List.of(gate.usage());
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
     * A write also takes the writers' lock shared, in the same round trip: it waits while a transaction runs alone.
     */
    @Override
    public void begin(Connection connection, boolean write) throws SQLException {
        connection.setReadOnly(!write);
        if (write) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;"
                        + " SELECT pg_advisory_xact_lock_shared(" + WRITERS_LOCK + ")");
            }
        }
    }

    /**
     * A session-level advisory lock taken outside any transaction: a lock taken inside the SERIALIZABLE migration
     * transaction came after its snapshot, so a node that waited for another's migration still read the old schema
     * version and failed on {@code relation "datastore" already exists}.
     */
    @Override
    public HeldLock lockForMigration(Connection connection) throws SQLException {
        return sessionLock(connection, MIGRATION_LOCK, "0");
    }

    /**
     * The writers' lock exclusive, waiting at most {@link #ALONE_WAIT} for the writes in progress to end (a wait that
     * runs out fails as a lock timeout, which is retried). Write transactions that begin meanwhile wait for it.
     */
    @Override
    public HeldLock lockOutOtherWriters(Connection connection) throws SQLException {
        return sessionLock(connection, WRITERS_LOCK, ALONE_WAIT);
    }

    /**
     * A session-level advisory lock taken and released outside any transaction, waiting at most {@code wait} for it
     * ({@code lock_timeout}: "0" waits as long as it takes).
     */
    private HeldLock sessionLock(Connection connection, long key, String wait) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '" + wait + "'");
            try {
                statement.execute("SELECT pg_advisory_lock(" + key + ")");
            } finally {
                statement.execute("SET lock_timeout = DEFAULT");
            }
        } finally {
            connection.setAutoCommit(false);
        }
        return () -> {
            try {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + key + ")");
                }
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                // A pooled connection still holding the lock would block the other nodes: close its session.
                pool.evictConnection(connection);
                throw e;
            }
        };
    }

    @Override
    public boolean isRetryable(SQLException e, boolean write) {
        return SERIALIZATION_FAILURE.equals(e.getSQLState())
                || DEADLOCK_DETECTED.equals(e.getSQLState())
                || LOCK_NOT_AVAILABLE.equals(e.getSQLState());
    }

    @Override
    public void close() {
        pool.close();
    }
}
