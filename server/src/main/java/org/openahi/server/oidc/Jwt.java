package org.openahi.server.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A compact JWS (RFC 7515) as a bearer token carries it: header, claims, the bytes signed and the signature. Parsing
 * checks the form only; {@link #checkTimes} applies AHI's claim rules and {@link Jwks} the signature.
 */
record Jwt(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {
    /** AHI: a token issued more than 12 hours ago is refused, whatever its exp. */
    static final Duration MAX_AGE = Duration.ofHours(12);

    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean looksLikeOne(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    static Jwt parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new TokenRejected("the bearer token is not a signed JWT (header.claims.signature)");
        }
        JsonNode header = json(parts[0], "header");
        JsonNode claims = json(parts[1], "claims");
        return new Jwt(
                header,
                claims,
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                decode(parts[2], "signature"));
    }

    /**
     * AHI's checks before anything else: {@code exp} after now, {@code nbf} (when present) not after now, {@code iat}
     * not after now and not more than 12 hours before it. Numeric dates in seconds, as RFC 7519 has them.
     */
    void checkTimes(Instant now) {
        Instant exp = time("exp", true);
        if (!exp.isAfter(now)) {
            throw new TokenRejected("the token expired at " + exp + " (exp); it is now " + now);
        }
        if (claims.has("nbf") && time("nbf", true).isAfter(now)) {
            throw new TokenRejected("the token is not valid before " + time("nbf", true) + " (nbf); it is now " + now);
        }
        Instant iat = time("iat", true);
        if (iat.isAfter(now)) {
            throw new TokenRejected("the token claims to be issued at " + iat + " (iat), after now (" + now + ")");
        }
        if (iat.isBefore(now.minus(MAX_AGE))) {
            throw new TokenRejected("the token was issued at " + iat + " (iat), more than 12 hours ago");
        }
    }

    String stringClaim(String name) {
        JsonNode value = claims.get(name);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private Instant time(String claim, boolean required) {
        JsonNode value = claims.get(claim);
        if (value == null || !value.isNumber()) {
            if (required) {
                throw new TokenRejected("the token has no numeric " + claim + " claim");
            }
            return null;
        }
        return Instant.ofEpochSecond(value.asLong());
    }

    private static JsonNode json(String part, String what) {
        try {
            JsonNode node = JSON.readTree(decode(part, what));
            if (node == null || !node.isObject()) {
                throw new TokenRejected("the token's " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new TokenRejected("the token's " + what + " is not JSON");
        }
    }

    private static byte[] decode(String part, String what) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new TokenRejected("the token's " + what + " is not base64url");
        }
    }
}
