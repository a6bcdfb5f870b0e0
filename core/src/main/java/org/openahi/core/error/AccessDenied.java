package org.openahi.core.error;

/** The caller's policies do not allow the action on the resource (or explicitly deny it). */
public final class AccessDenied extends OpenAhiException {
    public AccessDenied(String message) {
        super(message);
    }
}
