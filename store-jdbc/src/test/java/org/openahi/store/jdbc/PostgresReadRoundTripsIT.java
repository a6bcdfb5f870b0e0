package org.openahi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openahi.testing.EmbeddedPostgres;

/**
 * What a read transaction sends PostgreSQL, from the server's statement log (log_statement = all) of a server of the
 * test's own: its queries between BEGIN and COMMIT, and no statement setting the isolation level or read-only flag
 * before or after it, each of which was one more round trip to the database (a read of two queries was five round
 * trips, now three: the BEGIN goes with the first query). A write sets SERIALIZABLE as its first statement and takes
 * the writers' lock shared with its second, sent with it.
 */
class PostgresReadRoundTripsIT {
    @Test
    void aReadTransactionIsItsQueriesBetweenBeginAndCommitAndAWriteIsSerializable() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startOwn()) {
            String url = postgres.createDatabase();
            String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
            statement(url, "ALTER DATABASE " + database + " SET log_statement = 'all'");
            try (JdbcMetadataStore store = JdbcMetadataStore.open(
                    new JdbcSettings(url, Optional.empty(), Optional.empty(), JdbcSettings.Pool.DEFAULT.sized(1)))) {
                statement(url, "SELECT 'read begins'");
                store.read(tx -> {
                    tx.datastores().find("d0000000000000000000000000000000");
                    tx.imageSets().findById("i0000000000000000000000000000000");
                    return null;
                });
                statement(url, "SELECT 'write begins'");
                store.write(tx -> tx.datastores().find("d0000000000000000000000000000000"));
                statement(url, "SELECT 'write ended'");
            }
            List<String> log = Files.readAllLines(postgres.log());
            int begins = indexOf(log, "SELECT 'read begins'");
            int written = indexOf(log, "SELECT 'write begins'");
            int ends = indexOf(log, "SELECT 'write ended'");
            List<String> read = statements(log.subList(begins + 1, written));
            assertThat(read).as("the statements of one read transaction").hasSize(4);
            assertThat(read.get(0)).endsWith("BEGIN READ ONLY");
            assertThat(read.get(1)).contains("FROM datastore");
            assertThat(read.get(2)).contains("FROM image_set");
            assertThat(read.get(3)).endsWith("COMMIT");
            assertThat(log.subList(0, begins))
                    .as("REPEATABLE READ made the connection's default when the pool opened it")
                    .anyMatch(line -> line.contains(process(log.subList(begins + 1, written)))
                            && line.endsWith(
                                    "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
            List<String> write = statements(log.subList(written + 1, ends));
            assertThat(write).as("the statements of one write transaction").hasSize(5);
            assertThat(write.get(0)).endsWith("BEGIN");
            assertThat(write.get(1)).endsWith("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            assertThat(write.get(2)).contains("pg_advisory_xact_lock_shared");
            assertThat(write.get(3)).contains("FROM datastore");
            assertThat(write.get(4)).endsWith("COMMIT");
        }
    }

    /** The statements the store's connection (the one that began a transaction) ran, in order. */
    private static List<String> statements(List<String> logged) {
        String process = process(logged);
        return logged.stream()
                .filter(line -> line.contains(process))
                .filter(line -> line.contains("LOG:  statement: ") || line.contains("LOG:  execute "))
                .map(line -> line.substring(line.indexOf("LOG:  ") + 6))
                // The pool checks a connection idle for over 500 ms with an empty query (a slow machine may be that
                // slow between the store's start and its first read); it is not part of the transaction.
                .filter(statement -> !statement.equals("statement: "))
                .toList();
    }

    /** The "[pid]" of the line prefix (log_line_prefix '%m [%p] ') of the connection that began a transaction. */
    private static String process(List<String> logged) {
        return logged.stream()
                .filter(line -> line.contains("BEGIN"))
                .map(line -> line.substring(line.indexOf('['), line.indexOf(']') + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No transaction began in " + logged));
    }

    private static void statement(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int indexOf(List<String> log, String marker) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError("The log has no " + marker);
    }
}
