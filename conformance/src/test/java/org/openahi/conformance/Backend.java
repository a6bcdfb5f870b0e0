package org.openahi.conformance;

import org.openahi.testing.EmbeddedPostgres;

/** The metadata databases the server runs on; each test server gets a fresh one. */
enum Backend {
    SQLITE {
        @Override
        String freshDatabaseUrl(java.nio.file.Path dataDirectory) {
            return "jdbc:sqlite:" + dataDirectory.resolve("openahi.db");
        }
    },
    POSTGRESQL {
        @Override
        String freshDatabaseUrl(java.nio.file.Path dataDirectory) {
            return EmbeddedPostgres.shared().createDatabase();
        }
    };

    abstract String freshDatabaseUrl(java.nio.file.Path dataDirectory);
}
