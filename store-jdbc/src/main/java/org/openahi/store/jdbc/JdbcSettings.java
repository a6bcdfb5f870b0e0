package org.openahi.store.jdbc;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the metadata store lives: a JDBC URL (SQLite file or PostgreSQL), with credentials for PostgreSQL, and the
 * connection pool's limits.
 */
public record JdbcSettings(String url, Optional<String> user, Optional<String> password, Pool pool) {

    /**
     * The connections one node holds. PostgreSQL's: at most {@code maxConnections}, opened as they are needed and
     * closed after {@code idleTimeout} unused; a new one is waited for at most {@code connectTimeout}, short enough for
     * readiness to say DOWN within its bound when the database stops answering. SQLite's: {@code maxConnections}
     * readers (and one writer), all opened at start and kept, since a SQLite connection is a file handle.
     */
    public record Pool(int maxConnections, Duration connectTimeout, Duration idleTimeout) {
        /**
         * 12 connections: six nodes at full load hold 72 of PostgreSQL's default {@code max_connections} (100, of
         * which 3 are reserved for superusers), leaving room for a rolling upgrade's extra node and for psql, backups
         * and monitoring. A node works on at most 4 x cores requests that read the database at once
         * ({@code OPENAHI_MAX_EXPENSIVE_REQUESTS}), most of their time outside a transaction.
         */
        public static final Pool DEFAULT = new Pool(12, Duration.ofSeconds(2), Duration.ofMinutes(5));

        public Pool {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("A pool needs at least one connection, got " + maxConnections);
            }
        }

        public Pool sized(int connections) {
            return new Pool(connections, connectTimeout, idleTimeout);
        }
    }

    public static JdbcSettings of(String url) {
        return new JdbcSettings(url, Optional.empty(), Optional.empty(), Pool.DEFAULT);
    }
}
