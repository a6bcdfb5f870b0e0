package org.openahi.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A digest of a request's parameters, to tell a retried request (same token, same parameters) from a token
 * reused with other parameters. Every value is length-prefixed, so no two parameter lists collide by
 * concatenation.
 */
public final class Fingerprint {
    private final MessageDigest digest;

    public Fingerprint() {
        digest = Sha256.newDigest();
    }

    public Fingerprint add(String name, Optional<?> value) {
        return add(name, value.map(Object::toString).orElse(null));
    }

    public Fingerprint add(String name, Map<String, String> values) {
        add(name, Integer.toString(values.size()));
        new TreeMap<>(values).forEach(this::add);
        return this;
    }

    public Fingerprint add(String name, String value) {
        field(name);
        if (value == null) {
            digest.update((byte) 0);
        } else {
            digest.update((byte) 1);
            field(value);
        }
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void field(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[] {
            (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length
        });
        digest.update(bytes);
    }
}
