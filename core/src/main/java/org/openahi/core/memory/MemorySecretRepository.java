package org.openahi.core.memory;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.openahi.core.store.SecretRepository;

/** Secrets are copied in and out, so no caller can change a committed one in place. */
final class MemorySecretRepository implements SecretRepository {
    private final MemoryTables tables;

    MemorySecretRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public byte[] getOrCreate(String name, Supplier<byte[]> generator) {
        byte[] secret = tables.secrets.get(name);
        if (secret == null) {
            secret = generator.get().clone();
            tables.insert(tables.secrets, name, secret, "secret");
        }
        return secret.clone();
    }

    @Override
    public Map<String, byte[]> list(String prefix) {
        Map<String, byte[]> found = new TreeMap<>();
        tables.secrets.forEach((name, secret) -> {
            if (name.startsWith(prefix)) {
                found.put(name, secret.clone());
            }
        });
        return found;
    }

    @Override
    public boolean replace(String name, byte[] expected, byte[] replacement) {
        byte[] current = tables.secrets.get(name);
        if (current == null || !Arrays.equals(current, expected)) {
            return false;
        }
        tables.writing(tables.secrets).put(name, replacement.clone());
        return true;
    }
}
