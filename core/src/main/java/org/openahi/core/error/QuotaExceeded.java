package org.openahi.core.error;

/** A configured service quota would be exceeded. */
public final class QuotaExceeded extends OpenAhiException {
    public QuotaExceeded(String message) {
        super(message);
    }
}
