package org.openahi.store.jdbc;

import java.util.Optional;

/** Where the metadata store lives: a JDBC URL (SQLite file or PostgreSQL), with credentials for PostgreSQL. */
public record JdbcSettings(String url, Optional<String> user, Optional<String> password, int maxConnections) {

    public static JdbcSettings of(String url) {
        return new JdbcSettings(url, Optional.empty(), Optional.empty(), 16);
    }
}
