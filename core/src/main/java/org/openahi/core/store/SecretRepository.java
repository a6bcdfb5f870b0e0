package org.openahi.core.store;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Server-wide secrets kept in the metadata store, so every node of a scale-out deployment shares them
 * (for example the key that signs pagination tokens).
 */
public interface SecretRepository {

    /** The secret called {@code name}, created from {@code generator} by the first caller. */
    byte[] getOrCreate(String name, Supplier<byte[]> generator);

    /** The secrets whose names start with {@code prefix}, by name. */
    Map<String, byte[]> list(String prefix);

    /** Replaces the secret called {@code name} if it is still {@code expected}; false when it is not (or absent). */
    boolean replace(String name, byte[] expected, byte[] replacement);
}
