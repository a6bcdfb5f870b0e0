package org.openahi.core.error;

/** The caller sent more requests of one kind than its rate allows; it may retry after a pause. */
public final class Throttled extends OpenAhiException {
    public Throttled(String message) {
        super(message);
    }
}
