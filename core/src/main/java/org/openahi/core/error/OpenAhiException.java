package org.openahi.core.error;

/**
 * The closed set of failures the domain reports to either front door. Each subtype maps to exactly one
 * error shape of the AHI service model (see the server's error table); anything else is a bug and surfaces
 * as an internal error.
 */
public abstract sealed class OpenAhiException extends RuntimeException
        permits InvalidRequest, NotFound, Conflict, QuotaExceeded, AccessDenied, Throttled {

    protected OpenAhiException(String message) {
        super(message, null, false, false);
    }
}
