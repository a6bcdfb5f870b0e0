package org.openahi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * The store's writer holds SQLite's write lock between transactions, except for the moment between a COMMIT and the
 * BEGIN IMMEDIATE that takes the lock again. Another process (here a connection of its own on the same file, as a
 * second openahi or an operator's {@code sqlite3} shell would hold) can take the lock in that moment. These tests make
 * it do so on purpose: the writer's SQLite progress handler, which SQLite calls as each statement returns, takes the
 * lock for the other process as the COMMIT statement returns — after the commit hook fired, so after the commit landed.
 * Both connections wait for the lock {@link #BUSY_TIMEOUT_MILLIS} rather than the store's 10 s, so that the tests run
 * quickly; nothing here depends on how long anything takes.
 */
class SqliteWriteLockTest {
    private static final int BUSY_TIMEOUT_MILLIS = 200;

    @TempDir
    Path folder;

    private JdbcMetadataStore store;
    private Connection otherProcess;

    @BeforeEach
    void open() throws SQLException {
        String url = "jdbc:sqlite:" + folder.resolve("openahi.db");
        store = JdbcMetadataStore.open(JdbcSettings.of(url));
        try (Connection writer = store.dialect().writers().getConnection()) {
            writer.unwrap(SQLiteConnection.class).setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        otherProcess = config.createConnection(url);
    }

    @AfterEach
    void close() throws SQLException {
        otherProcess.close();
        store.close();
    }

    /** What refuses a second openahi on the file (SqliteSchemaMigrationTest has its words): the lock, held idle. */
    @Test
    void anOpenStoreHoldsTheWriteLockBetweenWrites() throws SQLException {
        assertThat(otherProcessHoldsTheLock())
                .as("the other process, after the store opened")
                .isFalse();

        store.write(tx -> {
            tx.datastores().insert(datastore("9"));
            return null;
        });

        assertThat(otherProcessHoldsTheLock())
                .as("the other process, after a write")
                .isFalse();
    }

    @Test
    void aWriteWhoseCommitLandedBeforeAnotherProcessTookTheLockIsReportedAsCommitted() throws SQLException {
        otherProcessTakesTheLockAfterTheNextCommit();

        store.write(tx -> {
            tx.datastores().insert(datastore("a"));
            return null;
        });

        assertThat(otherProcessHoldsTheLock()).isTrue();
        assertThat(exists("a")).as("the write that was reported committed").isTrue();
        try (Connection writer = store.dialect().writers().getConnection()) {
            assertThat(writer.unwrap(SQLiteConnection.class).getBusyTimeout())
                    .as("the busy timeout the next write's BEGIN waits, after the BEGIN that did not wait")
                    .isEqualTo(BUSY_TIMEOUT_MILLIS);
        }
    }

    @Test
    void whileAnotherProcessHoldsTheLockAWriteIsRefusedInWordsBeforeItWritesAnything() throws SQLException {
        lockTakenByTheOtherProcessAfterAWrite();

        assertThatThrownBy(() -> store.write(tx -> {
                    tx.datastores().insert(datastore("b"));
                    return null;
                }))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("is held by another process");

        assertThat(exists("b")).isFalse();
    }

    @Test
    void afterTheOtherProcessLetGoAFailedWriteLeavesNoTraceAndTheWriterHoldsTheLockAgain() throws SQLException {
        lockTakenByTheOtherProcessAfterAWrite();
        execute(otherProcess, "COMMIT");

        assertThatThrownBy(() -> store.write(tx -> {
                    tx.datastores().insert(datastore("c"));
                    tx.datastores().insert(datastore("d"));
                    throw new IllegalStateException("the request failed after two inserts");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(exists("c")).as("a row of the rolled back transaction").isFalse();
        assertThat(exists("d")).as("a row of the rolled back transaction").isFalse();

        store.write(tx -> {
            tx.datastores().insert(datastore("e"));
            return null;
        });
        assertThat(exists("e")).isTrue();
        assertThat(otherProcessHoldsTheLock())
                .as("the other process, refused again once the writer holds the lock")
                .isFalse();
    }

    /**
     * SQLite rolls a whole transaction back when one of its statements is interrupted, so the store's ROLLBACK after it
     * fails: the pool then replaces the writer connection, and the next write runs on a new one.
     */
    @Test
    void aWriteThatSqliteRolledBackItselfLeavesNoTraceAndTheNextWriteHoldsTheLock() throws SQLException {
        AtomicBoolean interrupt = new AtomicBoolean();
        SQLiteConnection before;
        try (Connection writer = store.dialect().writers().getConnection()) {
            before = writer.unwrap(SQLiteConnection.class);
            ProgressHandler.setHandler(before, 1, new ProgressHandler() {
                @Override
                protected int progress() {
                    return interrupt.compareAndSet(true, false) ? 1 : 0;
                }
            });
        }

        assertThatThrownBy(() -> store.write(tx -> {
                    tx.datastores().insert(datastore("f"));
                    interrupt.set(true);
                    tx.datastores().insert(datastore("0"));
                    return null;
                }))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("interrupted");
        assertThat(exists("f")).as("a row of the rolled back transaction").isFalse();

        store.write(tx -> {
            tx.datastores().insert(datastore("1"));
            return null;
        });
        assertThat(exists("1")).isTrue();
        try (Connection writer = store.dialect().writers().getConnection()) {
            assertThat(writer.unwrap(SQLiteConnection.class)).isNotSameAs(before);
        }
        assertThat(otherProcessHoldsTheLock()).isFalse();
    }

    /** A write whose COMMIT lets the other process take the lock, whatever the store answers it. */
    private void lockTakenByTheOtherProcessAfterAWrite() throws SQLException {
        otherProcessTakesTheLockAfterTheNextCommit();
        try {
            store.write(tx -> {
                tx.datastores().insert(datastore("a"));
                return null;
            });
        } catch (JdbcStoreException e) {
            // Before the fix the store reported this landed write as failed; the tests after it look further.
        }
        assertThat(otherProcessHoldsTheLock()).isTrue();
    }

    /**
     * On the store's only writer connection: a commit listener notes that a transaction commits, and the progress
     * handler, called as that COMMIT statement returns, has the other process begin an IMMEDIATE transaction, once.
     */
    private void otherProcessTakesTheLockAfterTheNextCommit() throws SQLException {
        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean taken = new AtomicBoolean();
        try (Connection writer = store.dialect().writers().getConnection()) {
            SQLiteConnection sqlite = writer.unwrap(SQLiteConnection.class);
            sqlite.addCommitListener(new SQLiteCommitListener() {
                @Override
                public void onCommit() {
                    committed.set(true);
                }

                @Override
                public void onRollback() {}
            });
            ProgressHandler.setHandler(sqlite, 1, new ProgressHandler() {
                @Override
                protected int progress() throws SQLException {
                    if (committed.get() && taken.compareAndSet(false, true)) {
                        execute(otherProcess, "BEGIN IMMEDIATE");
                    }
                    return 0;
                }
            });
        }
    }

    /** Whether the other process is inside its write transaction (holding the lock) or can begin one now. */
    private boolean otherProcessHoldsTheLock() throws SQLException {
        try {
            execute(otherProcess, "BEGIN IMMEDIATE");
        } catch (SQLException e) {
            if (e.getMessage().contains("within a transaction")) {
                return true;
            }
            assertThat(e.getErrorCode() & 0xff).isEqualTo(SQLiteErrorCode.SQLITE_BUSY.code);
            return false;
        }
        execute(otherProcess, "ROLLBACK");
        throw new AssertionError("the other process could begin a write transaction: nobody held the write lock");
    }

    private boolean exists(String name) {
        return store.read(tx -> tx.datastores().find(id(name)).isPresent());
    }

    private static Datastore datastore(String name) {
        return new Datastore(
                id(name),
                name,
                DatastoreStatus.ACTIVE,
                Optional.empty(),
                Optional.empty(),
                LosslessStorageFormat.HTJ2K,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private static String id(String name) {
        return name.repeat(32);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
