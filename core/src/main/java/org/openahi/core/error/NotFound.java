package org.openahi.core.error;

/** The resource the request names does not exist (or no longer accepts this operation). */
public final class NotFound extends OpenAhiException {
    public NotFound(String message) {
        super(message);
    }
}
