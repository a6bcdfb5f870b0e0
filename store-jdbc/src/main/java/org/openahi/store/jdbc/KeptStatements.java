package org.openahi.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one SQLite connection, kept by their SQL for the next transaction on it: sqlite-jdbc
 * parses and plans a statement each time it is prepared, and in a STOW-RS ingest that took more CPU than running the
 * statements did (docs/benchmarks.md, "Prepared statements kept"). A statement is taken out while it is used, so a
 * statement used again before it is given back (a query inside another's row mapping) gets one of its own. PostgreSQL's
 * driver keeps its own (server-side prepared statements); only SQLite connections have these.
 */
final class KeptStatements {
    /**
     * Statements kept per connection, the least recently used closed beyond: the store runs about 125 statements, some
     * built per query (QIDO-RS), and each holds some native memory; a transaction uses far fewer.
     */
    private static final int PER_CONNECTION = 64;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= PER_CONNECTION) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    private KeptStatements(Connection connection) {
        this.connection = connection;
    }

    /**
     * The kept statements of a store's connections, each a connection of sqlite-jdbc itself (not a pool's proxy of
     * one). Beyond {@link #CONNECTIONS} connections, the least recently used one's statements are closed and dropped:
     * the pools hold far fewer, so only a connection the pool has retired goes, instead of being held for ever.
     */
    static final class PerConnection {
        private static final int CONNECTIONS = 64;

        private final Map<Connection, KeptStatements> all = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Connection, KeptStatements> eldest) {
                if (size() <= CONNECTIONS) {
                    return false;
                }
                eldest.getValue().closeAll();
                return true;
            }
        };

        synchronized KeptStatements of(Connection sqlite) {
            return all.computeIfAbsent(sqlite, KeptStatements::new);
        }
    }

    /** A statement of {@code sql}, kept or newly prepared; the caller gives it back or closes it. */
    synchronized PreparedStatement take(String sql) throws SQLException {
        PreparedStatement kept = statements.remove(sql);
        return kept != null ? kept : connection.prepareStatement(sql);
    }

    /** Keeps {@code statement}, reset (its results closed, its batch run), for the next use of {@code sql}. */
    synchronized void giveBack(String sql, PreparedStatement statement) {
        PreparedStatement replaced = statements.put(sql, statement);
        if (replaced != null) {
            closeQuietly(replaced);
        }
    }

    private synchronized void closeAll() {
        statements.values().forEach(KeptStatements::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // its connection is gone: nothing is left to free
        }
    }
}
