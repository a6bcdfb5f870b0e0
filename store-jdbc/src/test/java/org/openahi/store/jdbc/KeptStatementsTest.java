package org.openahi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** Statements kept on a SQLite connection answer as freshly prepared ones would, whatever their last use left. */
class KeptStatementsTest {
    private static final String INSERT = "INSERT INTO item (id, name) VALUES (?, ?)";
    private static final String NAMES = "SELECT name FROM item WHERE id >= ? ORDER BY id";

    @TempDir
    Path folder;

    private Connection connection;
    private KeptStatements kept;
    private Sql sql;

    @BeforeEach
    void open() throws SQLException {
        connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + folder.resolve("kept.db"));
        try (var create = connection.createStatement()) {
            create.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        }
        kept = new KeptStatements.PerConnection().of(connection);
        sql = new Sql(connection, kept);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aStatementIsPreparedOnceAndAnswersEachUseWithItsOwnParameters() throws SQLException {
        sql.update(INSERT, 1, "one");
        sql.update(INSERT, 2, "two");
        sql.batch(INSERT, List.of(new Object[] {3, "three"}, new Object[] {4, "four"}));
        sql.batch(INSERT, List.<Object[]>of(new Object[] {5, "five"}));

        assertThat(sql.query(NAMES, row -> row.getString(1), 1)).containsExactly("one", "two", "three", "four", "five");
        assertThat(sql.query(NAMES, row -> row.getString(1), 4)).containsExactly("four", "five");
        PreparedStatement names = kept.take(NAMES);
        kept.giveBack(NAMES, names);
        sql.query(NAMES, row -> row.getString(1), 1);
        assertThat(kept.take(NAMES)).isSameAs(names);
    }

    @Test
    void theSameStatementUsedInsideItsOwnRowMappingGetsASecondOne() {
        sql.batch(INSERT, List.of(new Object[] {1, "one"}, new Object[] {2, "two"}, new Object[] {3, "three"}));

        List<String> pairs =
                sql.query(NAMES, row -> row.getString(1) + "/" + sql.query(NAMES, inner -> inner.getString(1), 3), 1);

        assertThat(pairs).containsExactly("one/[three]", "two/[three]", "three/[three]");
        assertThat(sql.query(NAMES, row -> row.getString(1), 2)).containsExactly("two", "three");
    }

    @Test
    void aStatementThatFailedIsClosedNotKeptAndTheNextUseSucceeds() throws SQLException {
        sql.update(INSERT, 1, "one");
        assertThatThrownBy(() -> sql.update(INSERT, 1, "again")).isInstanceOf(JdbcStoreException.class);
        assertThatThrownBy(() -> sql.batch(INSERT, List.<Object[]>of(new Object[] {1, "again"})))
                .isInstanceOf(JdbcStoreException.class);

        sql.update(INSERT, 3, "three");
        sql.batch(INSERT, List.<Object[]>of(new Object[] {4, "four"}));
        assertThat(sql.query(NAMES, row -> row.getString(1), 1)).containsExactly("one", "three", "four");
    }
}
