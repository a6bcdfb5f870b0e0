package org.openahi.bench.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * What the SQLite writer's transaction boundaries cost, the two ways the store has run them, in one run:
 *
 * <ul>
 *   <li>{@code sqlite-jdbc}: the connection in autocommit-off mode with IMMEDIATE transactions, ended by
 *       {@code Connection.commit()}, which runs COMMIT then BEGIN IMMEDIATE (the store until SqliteWriteLock);
 *   <li>{@code own}: the connection in autocommit mode, the transaction ended by a COMMIT and a BEGIN IMMEDIATE of the
 *       store's own, that BEGIN with busy timeout 0 ({@code SqliteWriteLock}); sqlite-jdbc then checks after each
 *       statement whether a transaction is open (a BEGIN that fails inside one), the one extra step per statement.
 * </ul>
 *
 * Each transaction inserts STATEMENTS indexed rows and commits; the file is set up as the store's (WAL,
 * synchronous=FULL, so every commit is fsynced). The two ways alternate ROUNDS times on fresh files; printed: wall and
 * CPU time per transaction.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.openahi.bench.store.SqliteWriterBoundaries [TRANSACTIONS] [STATEMENTS] [ROUNDS]
 * </pre>
 */
public final class SqliteWriterBoundaries {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteWriterBoundaries() {}

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int statements = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("openahi-sqlite-writer-");
        System.out.printf("%d transactions of %d inserts each, per round%n", transactions, statements);
        for (int round = 1; round <= rounds; round++) {
            for (boolean own : new boolean[] {false, true}) {
                Path file = work.resolve("round-" + round + (own ? "-own" : "-sqlite-jdbc") + ".db");
                long[] cost = run(file, own, transactions, statements);
                System.out.printf(
                        "round %d %-11s %8.1f us wall %8.1f us CPU per transaction%n",
                        round, own ? "own" : "sqlite-jdbc", cost[0] / 1e3 / transactions, cost[1] / 1e3 / transactions);
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
            }
        }
        Files.delete(work);
    }

    /** Wall and CPU nanoseconds of {@code transactions} transactions on a new database. */
    private static long[] run(Path file, boolean own, int transactions, int statements) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file)) {
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE instance (id INTEGER PRIMARY KEY, series TEXT NOT NULL, "
                        + "sop_instance_uid TEXT NOT NULL, document BLOB NOT NULL)");
                ddl.execute("CREATE INDEX instance_by_uid ON instance (series, sop_instance_uid)");
            }
            if (own) {
                sqlite.getDatabase().exec("BEGIN IMMEDIATE", false);
            } else {
                connection.setAutoCommit(false);
            }
            byte[] document = new byte[512];
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO instance (series, sop_instance_uid, document) VALUES (?, ?, ?)")) {
                int row = 0;
                for (int t = 0; t < transactions; t++) {
                    for (int s = 0; s < statements; s++) {
                        insert.setString(1, "1.2.826.0.1.3680043.8.498." + (t % 7));
                        insert.setString(2, "1.2.826.0.1.3680043.8.498.1." + row++);
                        insert.setBytes(3, document);
                        insert.executeUpdate();
                    }
                    if (own) {
                        sqlite.getDatabase().exec("COMMIT", false);
                        sqlite.setBusyTimeout(0);
                        sqlite.getDatabase().exec("BEGIN IMMEDIATE", false);
                        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
                    } else {
                        connection.commit();
                    }
                }
            }
            return new long[] {System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu};
        }
    }
}
