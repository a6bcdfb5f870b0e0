package org.openahi.server.oidc;

/** A bearer token that cannot be accepted, with the reason: 401 with {@code WWW-Authenticate} (RFC 6750). */
public final class TokenRejected extends RuntimeException {
    public TokenRejected(String reason) {
        super(reason, null, false, false);
    }
}
