package org.openahi.core.blob;

/** A blob that should exist does not: a referenced blob was lost, which is a server fault, not a client's. */
public final class BlobNotFoundException extends RuntimeException {
    public BlobNotFoundException(String key) {
        super("Blob " + key + " does not exist");
    }
}
