package org.openahi.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

/**
 * The SQLite writer's transactions, begun and ended here rather than by sqlite-jdbc (the writer pool's connection is in
 * autocommit mode as JDBC sees it), so that the writer holds SQLite's write lock between transactions and never runs a
 * transaction's statements outside one.
 *
 * <p>Between two transactions the writer holds an open, empty {@code BEGIN IMMEDIATE}: SQLite's write lock, which
 * refuses another process on the same file. A COMMIT releases the lock and the BEGIN IMMEDIATE after it takes it again;
 * another process (a second openahi, an operator's {@code sqlite3} shell) can take it in between. sqlite-jdbc ran both
 * inside {@code Connection.commit()}: when the BEGIN failed, the commit that had landed was reported as failed and the
 * connection was left outside any transaction while sqlite-jdbc believed it in one, so the next transaction's statements
 * each committed on their own and its rollback undid none of them. Here the commit stands, the connection is known to
 * hold no transaction, and the next transaction begins its own before it writes anything: while the other process holds
 * the lock, that BEGIN waits SQLite's busy timeout and fails, having written nothing.
 */
final class SqliteWriteLock {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriteLock.class);

    private final HikariDataSource writers;

    /**
     * The writer connection that holds the lock between transactions; null while none does (another process took it).
     * A connection that is not this one (a replacement the pool opened) begins its transaction first. Only the
     * transaction inside the writer's gate reads or sets it.
     */
    private volatile SQLiteConnection holder;

    SqliteWriteLock(HikariDataSource writers) {
        this.writers = writers;
    }

    /**
     * Before a write: the connection's IMMEDIATE transaction, the one it holds or a new one.
     *
     * @throws SQLException SQLITE_BUSY when another process holds the lock beyond SQLite's busy timeout
     */
    void hold(Connection connection) throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        if (holder != sqlite) {
            execute(sqlite, "BEGIN IMMEDIATE");
            holder = sqlite;
        }
    }

    /** Commits the write; once the COMMIT returned, the write is durable whatever follows. */
    void commit(Connection connection) throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        execute(sqlite, "COMMIT");
        holder = null;
        holdAgain(sqlite);
    }

    /**
     * Undoes the write. A connection whose ROLLBACK failed may still be inside the failed transaction: the pool closes
     * it (closing rolls back) and opens another, so no later write runs after it in the same transaction.
     */
    void rollback(Connection connection) throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        holder = null;
        try {
            execute(sqlite, "ROLLBACK");
        } catch (SQLException e) {
            writers.evictConnection(connection);
            throw e;
        }
        holdAgain(sqlite);
    }

    /**
     * Without waiting (busy timeout 0 for this one BEGIN): the transaction that just ended is answered at once, and a
     * write that needs the lock waits for it at its own begin. Waiting here would keep the caller of a landed commit
     * up to SQLite's busy timeout (10 s) from hearing so.
     */
    private void holdAgain(SQLiteConnection sqlite) {
        int busyTimeout = sqlite.getBusyTimeout();
        try {
            sqlite.setBusyTimeout(0);
            try {
                execute(sqlite, "BEGIN IMMEDIATE");
                holder = sqlite;
            } finally {
                sqlite.setBusyTimeout(busyTimeout);
            }
        } catch (SQLException e) {
            LOG.warn(
                    "Another process took the SQLite database's write lock after a transaction of this node ended; "
                            + "the next write waits for it: {}",
                    e.getMessage());
        }
    }

    /** The statement alone: sqlite-jdbc's autocommit check after a statement would run a BEGIN and COMMIT more. */
    private static void execute(SQLiteConnection sqlite, String sql) throws SQLException {
        sqlite.getDatabase().exec(sql, false);
    }
}
