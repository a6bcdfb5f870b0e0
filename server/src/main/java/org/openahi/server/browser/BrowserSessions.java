package org.openahi.server.browser;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openahi.core.store.Sha256;
import org.openahi.server.http.RawRequest;

/**
 * Short-lived bearer sessions for browsers: a page signs one request with SigV4 (or, later, presents an OIDC login)
 * and gets a token that stands for the same access key until it expires or is signed out. Every request made with
 * it is authenticated as that access key, so it carries exactly that principal's rights, looked up afresh each time.
 * This is the one place sessions are issued and resolved.
 *
 * <p>The token is sent as {@code Authorization: Bearer <token>} (any method, the API and DICOMweb), or as the
 * {@value #COOKIE} cookie, which is honoured only for GET and HEAD on DICOMweb and the viewer's pages, so that a
 * cross-site form can never write with it. Sessions live in memory: a restart signs everyone out. Only the tokens'
 * SHA-256 digests are kept.
 */
public final class BrowserSessions {
    public static final String COOKIE = "openahi_session";
    /** Tokens carry a prefix of their own, so they are never mistaken for a JWT or the static DICOMweb token. */
    static final String PREFIX = "oas_";

    private static final int TOKEN_BYTES = 32;
    private static final String BEARER = "Bearer ";

    /** Who a session stands for, and until when. */
    public record Session(String accessKeyId, String principalArn, Instant expiresAt) {}

    private final Map<String, Session> byDigest = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration lifetime;
    private final Clock clock;

    public BrowserSessions(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A new session for the access key whose signature just verified; the token is returned once, here. */
    public Issued issue(String accessKeyId, String principalArn) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Session session = new Session(accessKeyId, principalArn, clock.instant().plus(lifetime));
        forgetExpired();
        byDigest.put(digest(token), session);
        return new Issued(token, session);
    }

    /** A token with its session. */
    public record Issued(String token, Session session) {}

    /** The live session a token names. */
    public Optional<Session> find(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String digest = digest(token);
        Session session = byDigest.get(digest);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            byDigest.remove(digest);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Ends a session (sign-out). */
    public void revoke(String token) {
        if (token != null) {
            byDigest.remove(digest(token));
        }
    }

    /** Whether a token has this server's session form (whether or not it is live). */
    public static boolean isSessionToken(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /**
     * The session token a request presents: a bearer token of the session form, or, for GET and HEAD only when
     * {@code cookieAllowed}, the session cookie.
     */
    public static Optional<String> presented(RawRequest request, boolean cookieAllowed) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            return isSessionToken(token) ? Optional.of(token) : Optional.empty();
        }
        if (authorization == null
                && cookieAllowed
                && ("GET".equals(request.method()) || "HEAD".equals(request.method()))) {
            return cookie(request.headerValues().apply("cookie"));
        }
        return Optional.empty();
    }

    /**
     * The access key a request authenticates as through a session: empty when it presents none; a
     * {@link SessionRejected} when it presents one that is unknown or expired.
     */
    public Optional<String> accessKeyId(RawRequest request, boolean cookieAllowed) {
        Optional<String> token = presented(request, cookieAllowed);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(find(token.get()).orElseThrow(SessionRejected::new).accessKeyId());
    }

    /** A session token that is unknown, expired or signed out: 401, sign in again. */
    public static final class SessionRejected extends RuntimeException {
        SessionRejected() {
            super("The session has expired or was signed out; sign in again", null, false, false);
        }
    }

    private static Optional<String> cookie(List<String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(COOKIE)) {
                    String value = pair.substring(equals + 1).strip();
                    return isSessionToken(value) ? Optional.of(value) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        byDigest.values().removeIf(session -> !now.isBefore(session.expiresAt()));
    }

    private static String digest(String token) {
        return HexFormat.of().formatHex(Sha256.of(token));
    }
}
