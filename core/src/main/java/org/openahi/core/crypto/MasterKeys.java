package org.openahi.core.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operator's master keys ({@code OPENAHI_KEY_FILE}), standing in for KMS keys: each named by the ARN a data
 * store's {@code kmsKeyArn} gives, with numbered versions of 32 bytes (base64); the highest version is current.
 * <pre>
 * {"default": "arn:aws:kms:us-east-1:000000000000:key/openahi-default",
 *  "keys": [{"arn": "arn:aws:kms:us-east-1:000000000000:key/openahi-default",
 *            "versions": [{"version": 1, "material": "base64 of 32 random bytes"}]}]}
 * </pre>
 * They only wrap data keys (AES-256-GCM, bound to the data key's owner); data never meets them. Rotating is adding a
 * version: the server re-wraps every data key with it at start ({@link DataKeys#rotate}), after which older versions
 * may be removed.
 */
public final class MasterKeys {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KMS_ARN =
            Pattern.compile("arn:aws:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+");
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String defaultArn;
    /** Versions by number, per key ARN. */
    private final Map<String, TreeMap<Integer, SecretKeySpec>> keys;

    private MasterKeys(String defaultArn, Map<String, TreeMap<Integer, SecretKeySpec>> keys) {
        this.defaultArn = defaultArn;
        this.keys = keys;
    }

    /** Reads the key file; an IllegalArgumentException naming the file and the problem. */
    public static MasterKeys read(Path file) {
        try {
            return parse(JSON.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable as JSON: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static MasterKeys parse(JsonNode root) {
        if (root == null || !root.path("keys").isArray() || root.path("keys").isEmpty()) {
            throw new IllegalArgumentException("a key file is {\"default\": arn, \"keys\": [{\"arn\", \"versions\"}]}");
        }
        Map<String, TreeMap<Integer, SecretKeySpec>> keys = new LinkedHashMap<>();
        for (JsonNode key : root.get("keys")) {
            String arn = key.path("arn").asText("");
            if (!KMS_ARN.matcher(arn).matches()) {
                throw new IllegalArgumentException(
                        "'" + arn + "' is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)");
            }
            TreeMap<Integer, SecretKeySpec> versions = new TreeMap<>();
            for (JsonNode version : key.path("versions")) {
                int number = version.path("version").asInt(0);
                byte[] material;
                try {
                    material =
                            Base64.getDecoder().decode(version.path("material").asText(""));
                } catch (IllegalArgumentException e) {
                    material = new byte[0];
                }
                if (number < 1 || material.length != 32) {
                    throw new IllegalArgumentException(
                            arn + ": each version needs a number from 1 and 32 bytes of material "
                                    + "in base64 (e.g. head -c 32 /dev/urandom | base64)");
                }
                if (versions.put(number, new SecretKeySpec(material, "AES")) != null) {
                    throw new IllegalArgumentException(arn + ": version " + number + " is given twice");
                }
            }
            if (versions.isEmpty()) {
                throw new IllegalArgumentException(arn + " has no versions");
            }
            if (keys.put(arn, versions) != null) {
                throw new IllegalArgumentException(arn + " is given twice");
            }
        }
        String defaultArn = root.path("default").asText("");
        if (!keys.containsKey(defaultArn)) {
            throw new IllegalArgumentException("default must name one of the keys, got '" + defaultArn + "'");
        }
        return new MasterKeys(defaultArn, keys);
    }

    /** The key of data stores that name none (AHI's AWS-owned key). */
    public String defaultArn() {
        return defaultArn;
    }

    public boolean has(String arn) {
        return keys.containsKey(arn);
    }

    /** The data key wrapped with the current version of master key {@code arn}, bound to {@code owner}. */
    byte[] wrap(String arn, byte[] dataKey, String owner) {
        int version = current(arn);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, keys.get(arn).get(version), nonce, owner, dataKey);
        byte[] arnBytes = arn.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 2 + arnBytes.length + 4 + NONCE_BYTES + sealed.length)
                .put(FORMAT)
                .putShort((short) arnBytes.length)
                .put(arnBytes)
                .putInt(version)
                .put(nonce)
                .put(sealed)
                .array();
    }

    /** The data key a {@link #wrap} produced for {@code owner}; an IllegalStateException when it cannot be had. */
    byte[] unwrap(byte[] wrapped, String owner) {
        Wrapped parts = parts(wrapped);
        SecretKeySpec master = keys.getOrDefault(parts.arn(), new TreeMap<>()).get(parts.version());
        if (master == null) {
            throw new IllegalStateException("The data key of " + owner + " is wrapped by version " + parts.version()
                    + " of " + parts.arn() + ", which the key file does not have");
        }
        return gcm(Cipher.DECRYPT_MODE, master, parts.nonce(), owner, parts.sealed());
    }

    /** Whether the data key is wrapped by the current version of its master key. */
    boolean isCurrent(byte[] wrapped) {
        Wrapped parts = parts(wrapped);
        return keys.containsKey(parts.arn()) && parts.version() == current(parts.arn());
    }

    /** The master key ARN a wrapped data key names. */
    String arnOf(byte[] wrapped) {
        return parts(wrapped).arn();
    }

    private int current(String arn) {
        TreeMap<Integer, SecretKeySpec> versions = keys.get(arn);
        if (versions == null) {
            throw new IllegalStateException("Master key " + arn + " is not in the key file");
        }
        return versions.lastKey();
    }

    private record Wrapped(String arn, int version, byte[] nonce, byte[] sealed) {}

    private static Wrapped parts(byte[] wrapped) {
        ByteBuffer buffer = ByteBuffer.wrap(wrapped);
        if (buffer.get() != FORMAT) {
            throw new IllegalStateException("A wrapped data key of an unknown format");
        }
        byte[] arn = new byte[buffer.getShort()];
        buffer.get(arn);
        int version = buffer.getInt();
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        return new Wrapped(new String(arn, StandardCharsets.UTF_8), version, nonce, sealed);
    }

    private static byte[] gcm(int mode, SecretKeySpec key, byte[] nonce, String owner, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(("openahi data key of " + owner).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The data key of " + owner + " does not unwrap with its master key: " + e.getMessage(), e);
        }
    }
}
