package org.openahi.dimse.message;

/** A command set that cannot be read (PS3.7 §6.3); the association is aborted, as no response can be addressed. */
public final class MalformedCommandException extends Exception {
    public MalformedCommandException(String message) {
        super(message);
    }
}
