package org.openahi.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.TransactionBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store on a relational database. Each call runs its work in one transaction; a transaction
 * that fails because the database was busy or could not serialize it is rolled back and run again, with
 * jittered backoff growing to {@link #MAX_BACKOFF_MILLIS} between attempts. A write that failed {@link #ALONE_AFTER}
 * times runs alone: a long transaction (an import job's commit, all of it in one) lost every attempt to other nodes'
 * short writes (lease renewals, claims, progress) on a loaded machine, and once alone nothing can conflict with it.
 */
public final class JdbcMetadataStore implements MetadataStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMetadataStore.class);
    private static final int MAX_ATTEMPTS = 16;
    private static final long MAX_BACKOFF_MILLIS = 2_000;
    /** Failed attempts after which a write runs alone: other writers keep winning against it. */
    static final int ALONE_AFTER = 4;
    /** How long a transaction waits for its turn at a connection when all are in use (under load). */
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(30);

    private final Dialect dialect;

    private JdbcMetadataStore(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Opens the database and brings its schema up to date.
     *
     * @throws SchemaTooNewException when a newer openahi has migrated the database further than this one knows
     */
    public static JdbcMetadataStore open(JdbcSettings settings) {
        return open(settings, Migrator.all());
    }

    /** Opens the database as a build that knows the given migrations only (tests of upgrades). */
    static JdbcMetadataStore open(JdbcSettings settings, List<String> migrations) {
        Dialect dialect = Dialect.of(settings);
        try {
            JdbcMetadataStore store = new JdbcMetadataStore(dialect);
            store.runInTransaction(true, true, connection -> {
                new Migrator(dialect, migrations).migrate(connection);
                return null;
            });
            return store;
        } catch (RuntimeException e) {
            dialect.close();
            throw e;
        }
    }

    /** The dialect's name: "sqlite" or "postgresql". */
    public String databaseKind() {
        return dialect.name();
    }

    /** The database's pools and ways (tests reach the writer connection through it). */
    Dialect dialect() {
        return dialect;
    }

    /** Each connection pool's connections and waits now. */
    public List<PoolUsage> poolUsage() {
        return dialect.usage();
    }

    @Override
    public <T> T read(TransactionBody<T> work) {
        return runInTransaction(false, connection -> work.run(new JdbcTransaction(dialect.sql(connection))));
    }

    @Override
    public <T> T write(TransactionBody<T> work) {
        return runInTransaction(true, connection -> work.run(new JdbcTransaction(dialect.sql(connection))));
    }

    @Override
    public void close() {
        dialect.close();
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T runInTransaction(boolean write, ConnectionWork<T> work) {
        return runInTransaction(write, false, work);
    }

    /**
     * With {@code migration}, the transaction runs holding the dialect's migration lock, taken before it begins. A
     * write that failed {@link #ALONE_AFTER} times runs alone ({@link Dialect#lockOutOtherWriters}).
     */
    private <T> T runInTransaction(boolean write, boolean migration, ConnectionWork<T> work) {
        DataSource dataSource = write ? dialect.writers() : dialect.readers();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(dataSource, write, migration, write && attempt > ALONE_AFTER, work);
            } catch (SQLException e) {
                retryOrThrow(e, attempt, write);
            } catch (JdbcStoreException e) {
                retryOrThrow(e.sqlException(), attempt, write);
            }
            if (write && attempt == ALONE_AFTER) {
                LOG.info(
                        "A write transaction failed {} times on conflicts with other writes; its next attempts run alone",
                        attempt);
            }
        }
    }

    private <T> T attempt(
            DataSource dataSource, boolean write, boolean migration, boolean alone, ConnectionWork<T> work)
            throws SQLException {
        ConnectionGate gate = dialect.gate(write);
        gate.enter(CONNECTION_WAIT);
        try (Connection connection = dataSource.getConnection();
                Dialect.HeldLock lock = migration
                        ? dialect.lockForMigration(connection)
                        : alone ? dialect.lockOutOtherWriters(connection) : null) {
            dialect.begin(connection, write);
            try {
                T result = work.run(connection);
                dialect.commit(connection, write);
                return result;
            } catch (Throwable failure) {
                rollbackQuietly(connection, write, failure);
                throw failure;
            }
        } finally {
            gate.leave();
        }
    }

    private void retryOrThrow(SQLException e, int attempt, boolean write) {
        if (!dialect.isRetryable(e, write) || attempt >= MAX_ATTEMPTS) {
            throw dialect.failure(e, attempt);
        }
        long ceilingMillis = Math.min(MAX_BACKOFF_MILLIS, 2L << attempt);
        long sleepMillis = ThreadLocalRandom.current().nextLong(1, ceilingMillis + 1);
        LOG.debug("Retrying transaction (attempt {}) in {} ms after {}", attempt + 1, sleepMillis, e.getMessage());
        try {
            Thread.sleep(sleepMillis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new JdbcStoreException("Interrupted while retrying a transaction", e);
        }
    }

    private void rollbackQuietly(Connection connection, boolean write, Throwable failure) {
        try {
            dialect.rollback(connection, write);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
