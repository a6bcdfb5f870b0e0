package org.openahi.server.dicomweb;

import java.security.MessageDigest;
import java.util.Optional;
import org.openahi.core.access.Principal;
import org.openahi.core.store.Sha256;
import org.openahi.server.access.Callers;
import org.openahi.server.browser.Authentication;
import org.openahi.server.browser.BrowserSessions;
import org.openahi.server.http.RawRequest;
import org.openahi.server.oidc.BearerTokens;
import org.openahi.server.oidc.TokenRejected;

/**
 * Authenticates DICOMweb requests: SigV4 (signing name medical-imaging) as AHI does; a browser session
 * ({@link BrowserSessions}, as a bearer token or, for GET and HEAD, its cookie); an OIDC bearer token (a JWT) with
 * AHI's contract ({@link BearerTokens}); or, when a static bearer token is configured
 * ({@code OPENAHI_DICOMWEB_BEARER_TOKEN}), {@code Authorization: Bearer <token>} for automation that cannot sign. Tokens are compared by their SHA-256 digests with {@link MessageDigest#isEqual}, so the
 * comparison takes the same time whatever the token's length or contents.
 */
public final class DicomWebAuth {
    private static final String BEARER = "Bearer ";

    private final Authentication auth;
    private final Optional<byte[]> bearerDigest;
    private final Callers callers;
    private final BearerTokens tokens;

    public DicomWebAuth(Authentication auth, Optional<String> bearerToken, Callers callers, BearerTokens tokens) {
        this.auth = auth;
        this.bearerDigest = bearerToken.map(DicomWebAuth::digest);
        this.callers = callers;
        this.tokens = tokens;
    }

    /**
     * The authenticated caller's principal: a browser session's (its signer's), the static bearer token's, an OIDC
     * token's (a JWT, for {@code operation} on the data store the path names; {@link BearerTokens}), or a SigV4
     * signer's. Throws the SigV4, session or bearer rejection otherwise.
     */
    public Principal authenticate(RawRequest request, Optional<String> datastoreId, String operation) {
        if (BrowserSessions.presented(request, true).isPresent()) {
            return callers.forKey(auth.accessKeyId(request, true));
        }
        Optional<String> token = bearerToken(request);
        if (token.isPresent()) {
            if (isStaticToken(token.get())) {
                return callers.forStaticBearerToken();
            }
            if (!BearerTokens.isJwt(token.get())) {
                throw notAccepted();
            }
            if (datastoreId.isEmpty()) {
                throw new BearerRejected("The bearer token is not valid here: an OIDC token is taken only on paths that"
                        + " name a data store");
            }
            try {
                return tokens.authenticate(token.get(), datastoreId.get(), operation);
            } catch (TokenRejected e) {
                throw rejected(e);
            }
        }
        return callers.forKey(auth.accessKeyId(request, false));
    }

    /**
     * Checks before a body is read all that does not need it: a session or a static bearer token completely, an OIDC
     * token's claims ({@link BearerTokens#precheck}), else SigV4's checks of the headers; {@link #authenticate} must
     * still be called once the body is read.
     */
    public void authenticateHeaders(RawRequest request) {
        if (BrowserSessions.presented(request, true).isPresent()) {
            auth.accessKeyId(request, true);
            return;
        }
        Optional<String> token = bearerToken(request);
        if (token.isPresent()) {
            if (isStaticToken(token.get())) {
                return;
            }
            if (!BearerTokens.isJwt(token.get())) {
                throw notAccepted();
            }
            try {
                tokens.precheck(token.get());
                return;
            } catch (TokenRejected e) {
                throw rejected(e);
            }
        }
        auth.verifySignedHeaders(request);
    }

    /** The token of an {@code Authorization: Bearer} header, if the request has one. */
    private static Optional<String> bearerToken(RawRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).trim());
    }

    private boolean isStaticToken(String token) {
        return bearerDigest.isPresent() && MessageDigest.isEqual(digest(token), bearerDigest.get());
    }

    /**
     * A bearer token that is neither the static token nor a JWT. A bearer header is never a SigV4 request, so it is
     * refused as a bearer token (401); with no static token configured the operator is told which setting takes one.
     */
    private BearerRejected notAccepted() {
        return new BearerRejected(
                bearerDigest.isPresent()
                        ? "The bearer token is not valid"
                        : "The bearer token is not valid: it is not a JWT, and no static token is configured"
                                + " (OPENAHI_DICOMWEB_BEARER_TOKEN)");
    }

    private static BearerRejected rejected(TokenRejected e) {
        return new BearerRejected("The bearer token is not valid: " + e.getMessage());
    }

    /** A bearer token that cannot be accepted: 401 with {@code WWW-Authenticate}, as RFC 6750 says. */
    public static final class BearerRejected extends RuntimeException {
        BearerRejected(String message) {
            super(message, null, false, false);
        }
    }

    private static byte[] digest(String token) {
        return Sha256.of(token);
    }
}
