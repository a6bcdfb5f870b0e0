package org.openahi.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date with the numbered migrations listed in {@code migration/index}. A
 * migration is {@code <dialect>/<file>} when the dialect needs its own SQL, else {@code common/<file>}.
 * Applied versions are recorded in {@code openahi_schema}; a database from a newer openahi is refused
 * ({@link SchemaTooNewException}), so an old node left running during a rolling upgrade stops at its next start.
 */
final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final String ROOT = "migration/";

    private final Dialect dialect;
    private final List<String> migrations;

    /** {@code migrations}: the files of versions 1, 2, ... this build knows, from {@link #all()} or a prefix of it. */
    Migrator(Dialect dialect, List<String> migrations) {
        this.dialect = dialect;
        this.migrations = List.copyOf(migrations);
    }

    /** Every migration of this build, in order: version {@code n} is element {@code n - 1}. */
    static List<String> all() {
        return resource("index")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** Runs in the migration transaction, which began after the dialect's migration lock was taken. */
    void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS openahi_schema (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        }
        Applied current = applied(connection);
        if (current.version() > migrations.size()) {
            throw new SchemaTooNewException(
                    current.version(),
                    current.description(),
                    migrations.size(),
                    migrations.isEmpty() ? "" : migrations.getLast());
        }
        for (int version = current.version() + 1; version <= migrations.size(); version++) {
            String file = migrations.get(version - 1);
            LOG.info("Applying {} migration {}: {}", dialect.name(), version, file);
            for (String sql : statements(sqlFor(file))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO openahi_schema (version, description, applied_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, file);
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
            }
        }
    }

    private record Applied(int version, String description) {}

    private static Applied applied(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT version, description FROM openahi_schema ORDER BY version DESC LIMIT 1")) {
            return row.next() ? new Applied(row.getInt(1), row.getString(2)) : new Applied(0, "");
        }
    }

    private String sqlFor(String file) {
        String specific = dialect.name() + "/" + file;
        return getClass().getResource(ROOT + specific) != null ? resource(specific) : resource("common/" + file);
    }

    /** Splits a migration into statements; migrations hold no procedures and no semicolons in literals. */
    private static List<String> statements(String sql) {
        String withoutComments =
                sql.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = Migrator.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
