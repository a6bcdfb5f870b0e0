package org.openahi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openahi.testing.EmbeddedPostgres;

class PostgresSchemaMigrationIT extends SchemaMigrationContract {

    /** Several nodes starting together on an empty database (issue 18: one failed on "relation already exists"). */
    @Test
    void nodesStartingAtOnceOnAnEmptyDatabaseAllStartAndApplyEachMigrationOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String url = newDatabaseUrl();
            assertThat(openAtOnce(url))
                    .as("failures of %d nodes starting at once", NODES)
                    .isEmpty();
            assertThat(appliedMigrations(url)).containsExactlyElementsOf(everyMigrationOnce());
        }
    }

    @Override
    protected String newDatabaseUrl() {
        return EmbeddedPostgres.shared().createDatabase();
    }

    @Override
    protected List<String> schema(Connection connection) throws SQLException {
        List<String> schema = new ArrayList<>();
        query(
                connection,
                schema,
                "SELECT table_name, column_name, data_type, is_nullable, column_default "
                        + "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position");
        query(
                connection,
                schema,
                "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                        + "ORDER BY tablename, indexname");
        query(
                connection,
                schema,
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                        + "FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2");
        return schema;
    }

    private static void query(Connection connection, List<String> schema, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " | " : "").append(rows.getString(i));
                }
                schema.add(row.toString());
            }
        }
    }
}
