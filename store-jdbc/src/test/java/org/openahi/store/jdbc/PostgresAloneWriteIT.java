package org.openahi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openahi.testing.EmbeddedPostgres;

/**
 * A write that loses every attempt to other writers runs alone after {@link JdbcMetadataStore#ALONE_AFTER} attempts
 * and commits (a long import commit lost all 16 of its attempts to other nodes' short writes in CI). Each attempt
 * reads a lease row, has another write of the row committed meanwhile, then writes the row: a serialization failure
 * while the other write can run beside it. Alone, the other write waits for it at the writers' lock and commits after
 * it, retried.
 */
class PostgresAloneWriteIT {
    private static final String KIND = "alone-test";
    private static final String KEY = "item";

    @Test
    void aWriteThatKeepsLosingToOtherWritersRunsAloneAndCommits() throws Exception {
        String url = EmbeddedPostgres.shared().createDatabase();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(JdbcSettings.of(url));
                Connection observer = DriverManager.getConnection(url)) {
            Instant now = Instant.parse("2026-12-08T00:00:00Z");
            long epoch = store.write(tx -> tx.leases().claim(KIND, KEY, "owner", now, now.plusSeconds(60)))
                    .orElseThrow();
            AtomicInteger attempts = new AtomicInteger();
            AtomicInteger othersWaiting = new AtomicInteger();
            boolean renewed = store.write(tx -> {
                attempts.incrementAndGet();
                tx.leases().claimable(KIND, now, 1); // a read: its snapshot is older than the other write
                Future<Boolean> renewal = other.submit(() -> store.write(
                        otherTx -> otherTx.leases().renew(KIND, KEY, "owner", epoch, now.plusSeconds(120))));
                if (endsOrWaitsAtTheWritersLock(renewal, observer)) {
                    othersWaiting.incrementAndGet();
                }
                return tx.leases().renew(KIND, KEY, "owner", epoch, now.plusSeconds(180));
            });
            other.shutdown();
            assertThat(other.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            assertThat(renewed).isTrue();
            assertThat(attempts).hasValue(JdbcMetadataStore.ALONE_AFTER + 1);
            assertThat(othersWaiting)
                    .as("the other write waited only for the attempt running alone")
                    .hasValue(1);
            assertThat(expiresAt(observer))
                    .as("the write that waited committed after it")
                    .isEqualTo(now.plusSeconds(120).toEpochMilli());
        } finally {
            other.shutdownNow();
        }
    }

    /** True when {@code write} waits at the writers' lock, false once it ended. */
    private static boolean endsOrWaitsAtTheWritersLock(Future<?> write, Connection observer) {
        try {
            while (!write.isDone()) {
                if (waitingForAnAdvisoryLock(observer)) {
                    return true;
                }
                Thread.sleep(1);
            }
            return false;
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean waitingForAnAdvisoryLock(Connection observer) throws SQLException {
        try (Statement statement = observer.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_locks JOIN pg_database ON pg_database.oid = pg_locks.database"
                                + " WHERE locktype = 'advisory' AND NOT granted AND datname = current_database()")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    private static long expiresAt(Connection observer) throws SQLException {
        try (Statement statement = observer.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT expires_at FROM lease WHERE kind = '" + KIND + "' AND item_key = '" + KEY + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
