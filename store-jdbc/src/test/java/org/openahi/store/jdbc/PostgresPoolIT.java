package org.openahi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openahi.testing.EmbeddedPostgres;

/**
 * The PostgreSQL pool opens connections as transactions need them, up to its size, closes those left idle, and reports
 * them: a node that starts or idles holds a few of the database's connections, not all it may open.
 */
class PostgresPoolIT {
    private static final int SIZE = 6;
    /** HikariCP's shortest idle timeout; its housekeeping closes idle connections every 30 s. */
    private static final Duration IDLE = Duration.ofSeconds(10);

    @Test
    void thePoolGrowsAsTransactionsNeedConnectionsAndShrinksWhenThoseIdle() throws Exception {
        String url = EmbeddedPostgres.shared().createDatabase();
        JdbcSettings settings = new JdbcSettings(
                url, Optional.empty(), Optional.empty(), new JdbcSettings.Pool(SIZE, Duration.ofSeconds(2), IDLE));
        try (JdbcMetadataStore store = JdbcMetadataStore.open(settings)) {
            PoolUsage started = single(store);
            assertThat(started.pool()).isEqualTo("postgresql");
            // The migration's connection and the spare ones kept idle beside it, not the pool's size.
            assertThat(started.open()).isBetween(1, PostgresDialect.SPARE + 1);
            assertThat(started.busy()).isZero();

            // SIZE transactions at once, each waiting inside its transaction for the others: the pool grew to SIZE.
            CyclicBarrier allInside = new CyclicBarrier(SIZE);
            ExecutorService threads = Executors.newFixedThreadPool(SIZE);
            try {
                List<Future<PoolUsage>> seen = new ArrayList<>();
                for (int i = 0; i < SIZE; i++) {
                    seen.add(threads.submit(() -> store.read(tx -> {
                        tx.datastores().countNotDeleted();
                        await(allInside);
                        PoolUsage inside = single(store);
                        await(allInside);
                        return inside;
                    })));
                }
                for (Future<PoolUsage> usage : seen) {
                    PoolUsage inside = usage.get(60, TimeUnit.SECONDS);
                    assertThat(inside.open()).isEqualTo(SIZE);
                    assertThat(inside.busy()).isEqualTo(SIZE);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(single(store).busy()).isZero();

            // Left idle, the pool closes all but its spare connections (waited for as a state, for at most 2 minutes).
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (single(store).open() > PostgresDialect.SPARE && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            assertThat(single(store).open()).isEqualTo(PostgresDialect.SPARE);
            long datastores = store.read(tx -> tx.datastores().countNotDeleted());
            assertThat(datastores).as("the shrunk pool still serves").isZero();
        }
    }

    private static PoolUsage single(JdbcMetadataStore store) {
        List<PoolUsage> usage = store.poolUsage();
        assertThat(usage).hasSize(1);
        return usage.get(0);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("The transactions did not all get a connection", e);
        }
    }
}
