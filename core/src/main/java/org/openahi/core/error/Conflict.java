package org.openahi.core.error;

/** The request conflicts with the resource's current state (an idempotency token reused with other parameters, a resource in the wrong state). */
public final class Conflict extends OpenAhiException {
    public Conflict(String message) {
        super(message);
    }
}
