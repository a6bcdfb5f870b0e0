package org.openahi.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The permits taken before a connection of one pool: as many as the pool holds at most, handed out first come, first
 * served, so nobody queues inside the pool (where waiting is not fair: a thread arriving as a connection comes back
 * takes it ahead of those already waiting, see {@link Dialect#filled}). Counts the waits for a permit, which are the
 * pool's waits.
 */
final class ConnectionGate {
    private final String name;
    private final HikariDataSource pool;
    private final Semaphore permits;
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();

    ConnectionGate(String name, HikariDataSource pool, int permits) {
        this.name = name;
        this.pool = pool;
        this.permits = new Semaphore(permits, true);
    }

    void enter(Duration wait) throws SQLTransientConnectionException {
        if (permits.tryAcquire()) {
            return;
        }
        long start = System.nanoTime();
        try {
            boolean entered = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
            waits.increment();
            waitedNanos.add(System.nanoTime() - start);
            if (!entered) {
                throw new SQLTransientConnectionException(
                        "No database connection came free within " + wait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for a database connection", e);
        }
    }

    void leave() {
        permits.release();
    }

    PoolUsage usage() {
        HikariPoolMXBean state = pool.getHikariPoolMXBean();
        return new PoolUsage(
                name,
                state == null ? 0 : state.getTotalConnections(),
                state == null ? 0 : state.getActiveConnections(),
                permits.getQueueLength() + (state == null ? 0 : state.getThreadsAwaitingConnection()),
                waits.sum(),
                waitedNanos.sum() / 1e9);
    }
}
