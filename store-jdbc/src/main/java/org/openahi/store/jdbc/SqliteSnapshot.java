package org.openahi.store.jdbc;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * A consistent copy of the embedded SQLite database while a server writes to it, for {@code ./openahi backup}.
 * {@code VACUUM INTO} reads the database in one read transaction, which in WAL mode neither waits for the server's
 * writer nor holds it up, so the copy is the database as of one commit; it is also compacted and has no WAL beside
 * it.
 */
public final class SqliteSnapshot {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteSnapshot() {}

    /** Writes the database {@code url} names (a {@code jdbc:sqlite:} URL) to {@code target}, which must not exist. */
    public static void copy(String url, Path target) {
        if (Files.exists(target)) {
            throw new IllegalArgumentException("The database copy " + target + " already exists");
        }
        try (Connection connection = open(url);
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new JdbcStoreException("Could not copy the SQLite database " + url + " to " + target, e);
        }
    }

    /**
     * Checks a copy: SQLite's own check of its structure, then every blob key its rows refer to.
     *
     * @throws JdbcStoreException when the copy is damaged
     */
    public static Set<String> referencedBlobs(Path copy) {
        try (Connection connection = open("jdbc:sqlite:" + copy.toAbsolutePath());
                Statement check = connection.createStatement();
                var result = check.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!verdict.equals("ok")) {
                throw new JdbcStoreException(
                        "The SQLite database " + copy + " is damaged", new SQLException("quick_check: " + verdict));
            }
            return JdbcImageSetRepository.referencedBlobs(new Sql(connection));
        } catch (SQLException e) {
            throw new JdbcStoreException("Could not read the SQLite database " + copy, e);
        }
    }

    /** The file a {@code jdbc:sqlite:} URL names, without its query. */
    public static Path file(String url) {
        String file = SqliteDialect.fileName(url);
        return file.startsWith("file:") ? Path.of(URI.create(file).getPath()) : Path.of(file);
    }

    private static Connection open(String url) throws SQLException {
        SqliteNativeLibrary.useUnpackedCopy();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.createConnection(url);
    }
}
