package org.openahi.store.jdbc;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.openahi.core.store.SecretRepository;

final class JdbcSecretRepository implements SecretRepository {
    private final Sql sql;

    JdbcSecretRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public byte[] getOrCreate(String name, Supplier<byte[]> generator) {
        sql.update(
                "INSERT INTO server_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name,
                HexFormat.of().formatHex(generator.get()));
        return sql.queryOne("SELECT secret FROM server_secret WHERE name = ?", row -> row.getString(1), name)
                .map(HexFormat.of()::parseHex)
                .orElseThrow(() -> new IllegalStateException("Secret " + name + " vanished inside its transaction"));
    }

    @Override
    public Map<String, byte[]> list(String prefix) {
        Map<String, byte[]> secrets = new TreeMap<>();
        for (String[] row : sql.query(
                "SELECT name, secret FROM server_secret WHERE name LIKE ? ESCAPE '!' ORDER BY name",
                result -> new String[] {result.getString(1), result.getString(2)},
                prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")) {
            secrets.put(row[0], HexFormat.of().parseHex(row[1]));
        }
        return secrets;
    }

    @Override
    public boolean replace(String name, byte[] expected, byte[] replacement) {
        return sql.update(
                        "UPDATE server_secret SET secret = ? WHERE name = ? AND secret = ?",
                        HexFormat.of().formatHex(replacement),
                        name,
                        HexFormat.of().formatHex(expected))
                == 1;
    }
}
