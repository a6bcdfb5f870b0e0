package org.openahi.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What differs between the databases the store runs on. Everything else is shared SQL. */
sealed interface Dialect extends AutoCloseable permits SqliteDialect, PostgresDialect {

    /** The folder of dialect-specific migrations, tried before the common one. */
    String name();

    DataSource readers();

    DataSource writers();

    /** The permits to take before a connection of {@code readers()} or {@code writers()}. */
    ConnectionGate gate(boolean write);

    /** Each pool's connections and waits, for the metrics. */
    List<PoolUsage> usage();

    /** Prepares a connection freshly taken from a pool for one transaction. */
    void begin(Connection connection, boolean write) throws SQLException;

    /** The statements of one transaction on {@code connection}: prepared for each use unless the dialect keeps them. */
    default Sql sql(Connection connection) throws SQLException {
        return new Sql(connection);
    }

    /** Ends the transaction {@link #begin} prepared, keeping its writes. */
    default void commit(Connection connection, boolean write) throws SQLException {
        connection.commit();
    }

    /** Ends the transaction {@link #begin} prepared, undoing its writes. */
    default void rollback(Connection connection, boolean write) throws SQLException {
        connection.rollback();
    }

    /**
     * Serializes migrations of one database by several nodes starting at once: taken on {@code connection} before its
     * migration transaction begins and held until closed, after that transaction ended, so the transaction's first read
     * of the schema version sees every migration another node committed while this one waited.
     */
    HeldLock lockForMigration(Connection connection) throws SQLException;

    /**
     * Lets a write transaction that kept failing to serialize run with no other write transaction beside it: taken on
     * {@code connection} before its transaction begins (so its snapshot follows every write that ran before) and held
     * until closed, after it ended. Without it, a long transaction (an import job's commit) can lose every attempt to
     * the short writes of other nodes that keep coming (lease renewals, claims, progress). Where writers are one at a
     * time already (SQLite), there is nothing to take.
     */
    HeldLock lockOutOtherWriters(Connection connection) throws SQLException;

    /** A lock held on a connection outside its transactions; closing releases it. */
    interface HeldLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** True for failures that a retry of the whole transaction can cure: busy database, serialization failure. */
    boolean isRetryable(SQLException e, boolean write);

    /** What a transaction that failed for good ends with, in words an operator can act on. */
    default JdbcStoreException failure(SQLException e, int attempts) {
        return new JdbcStoreException("Transaction failed after " + attempts + " attempt(s)", e);
    }

    @Override
    void close();

    /**
     * The pool with its {@code size} connections all open: a request that finds none free would wait for one to be
     * made, and the pool's returning threads spin (yielding) while anybody waits, which on a few carrier threads of
     * virtual threads starved requests for seconds. With every connection open and at most as many borrowers as
     * connections ({@link #gate}), nobody waits inside the pool. SQLite's pools are opened so; PostgreSQL's grows
     * (see {@link PostgresDialect}).
     */
    static HikariDataSource filled(HikariDataSource pool, int size) {
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                opened.add(pool.getConnection());
            }
        } catch (SQLException e) {
            pool.close();
            throw new JdbcStoreException("Cannot open the database's connections", e);
        } finally {
            for (Connection connection : opened) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Returned to the pool, which replaces it if it is broken.
                }
            }
        }
        return pool;
    }

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
