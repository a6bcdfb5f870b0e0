package org.openahi.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers so repositories read as SQL plus row mapping, with SQLExceptions wrapped once. */
final class Sql {
    private final Connection connection;
    /** Where the connection's statements are kept between uses, or null when each is prepared anew. */
    private final KeptStatements kept;

    /** Statements prepared for each use and closed after it. */
    Sql(Connection connection) {
        this(connection, null);
    }

    /** Statements taken from and given back to {@code kept}, the statements of {@code connection}. */
    Sql(Connection connection, KeptStatements kept) {
        this.connection = connection;
        this.kept = kept;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    int update(String sql, Object... parameters) {
        try (Prepared prepared = prepare(sql, parameters)) {
            return prepared.done(prepared.statement.executeUpdate());
        } catch (SQLException e) {
            throw new JdbcStoreException("Update failed", e);
        }
    }

    /** Runs one statement for each row of parameters, sent to the database in one batch. */
    void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Prepared prepared = prepare(sql)) {
            for (Object[] parameters : rows) {
                bind(prepared.statement, parameters);
                prepared.statement.addBatch();
            }
            prepared.statement.executeBatch(); // which empties the batch, as JDBC asks of drivers
            prepared.done(null);
        } catch (SQLException e) {
            throw new JdbcStoreException("Batch update failed", e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Prepared prepared = prepare(sql, parameters)) {
            List<T> result = new ArrayList<>();
            try (ResultSet rows = prepared.statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return prepared.done(result);
        } catch (SQLException e) {
            throw new JdbcStoreException("Query failed", e);
        }
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = query(sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * A text column read through its UTF-8 bytes (both drivers hand text over as such): sqlite-jdbc's getString
     * copies every value through a direct buffer, which made these reads most of ListImageSetVersions' allocation.
     */
    static String text(ResultSet row, int column) throws SQLException {
        byte[] bytes = row.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private Prepared prepare(String sql, Object... parameters) throws SQLException {
        Prepared prepared = new Prepared(sql, kept == null ? connection.prepareStatement(sql) : kept.take(sql));
        try {
            bind(prepared.statement, parameters);
        } catch (SQLException | RuntimeException e) {
            prepared.close();
            throw e;
        }
        return prepared;
    }

    /**
     * A statement in use: kept again once it has run to the end ({@link #done}), its results closed; closed when it
     * failed, whatever state that left it in.
     */
    private final class Prepared implements AutoCloseable {
        private final String sql;
        private final PreparedStatement statement;
        private boolean done;

        Prepared(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        <T> T done(T result) {
            done = true;
            return result;
        }

        @Override
        public void close() throws SQLException {
            if (kept != null && done) {
                kept.giveBack(sql, statement);
            } else {
                statement.close();
            }
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
