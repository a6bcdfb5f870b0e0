package org.openahi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaMigrationTest extends SchemaMigrationContract {

    /**
     * A SQLite database serves one node: of several opened at once on an empty file, one migrates it and starts, the
     * others are refused in words once SQLite's busy timeout has passed.
     */
    @Test
    void ofNodesStartingAtOnceOnOneFileOneStartsAndTheOthersAreRefused() throws Exception {
        String url = newDatabaseUrl();
        assertThat(openAtOnce(url))
                .hasSize(NODES - 1)
                .allSatisfy(failure -> assertThat(failure)
                        .isInstanceOf(JdbcStoreException.class)
                        .hasMessageContaining("is held by another process"));
        assertThat(appliedMigrations(url)).containsExactlyElementsOf(everyMigrationOnce());
    }

    @TempDir
    Path folder;

    private final AtomicInteger databases = new AtomicInteger();

    @Override
    protected String newDatabaseUrl() {
        return "jdbc:sqlite:" + folder.resolve("openahi-" + databases.incrementAndGet() + ".db");
    }

    @Override
    protected List<String> schema(Connection connection) throws SQLException {
        List<String> schema = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master "
                        + "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
            while (rows.next()) {
                schema.add(rows.getString(1) + " " + rows.getString(2) + " on " + rows.getString(3) + ": "
                        + rows.getString(4));
            }
        }
        return schema;
    }
}
