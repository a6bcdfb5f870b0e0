package org.openahi.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 (signatures, payload hashes, token digests, request fingerprints, archive copies' checks, decoded frame file
 * names): every JDK has it, so its absence is not a caller's concern.
 */
public final class Sha256 {
    /**
     * Never updated, only cloned: {@code MessageDigest.getInstance} looks the provider up on every call, a few percent
     * of a small request's CPU when every request digests a token or a payload.
     */
    private static final MessageDigest PROTOTYPE = instance();

    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return instance();
        }
    }

    private static MessageDigest instance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    public static byte[] of(byte[] data) {
        return newDigest().digest(data);
    }

    /** The digest of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
