package org.openahi.core.error;

/** The request is well formed but its content breaks a rule (a constraint, an unsupported option, a forged token). */
public final class InvalidRequest extends OpenAhiException {
    public InvalidRequest(String message) {
        super(message);
    }
}
