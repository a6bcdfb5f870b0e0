package org.openahi.server.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's signing keys (RFC 7517), fetched from its {@code jwks_uri} and kept; fetched again when a token names a
 * key id not yet seen (the issuer rotated), at most every {@value #REFETCH_SECONDS} seconds so tokens with invented
 * key ids cannot make the server hammer the issuer. RS256 and ES256 signatures are verified with the JDK.
 */
final class Jwks {
    private static final Logger LOG = LoggerFactory.getLogger(Jwks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long REFETCH_SECONDS = 30;
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final URI uri;
    private final HttpClient http;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.MIN;

    Jwks(URI uri, HttpClient http, Clock clock) {
        this.uri = uri;
        this.http = http;
        this.clock = clock;
    }

    URI uri() {
        return uri;
    }

    /** Returns when the token's signature verifies with the issuer's key; a {@link TokenRejected} otherwise. */
    void verify(Jwt token) {
        String alg = token.header().path("alg").asText("");
        String kid = token.header().path("kid").asText("");
        if (!alg.equals("RS256") && !alg.equals("ES256")) {
            throw new TokenRejected("the token is signed with '" + alg + "'; openahi takes RS256 and ES256");
        }
        PublicKey key = key(kid);
        try {
            Signature verifier =
                    Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(token.signingInput());
            if (!verifier.verify(token.signature())) {
                throw new TokenRejected("the token's signature does not verify with key '" + kid + "' of " + uri);
            }
        } catch (GeneralSecurityException e) {
            throw new TokenRejected(
                    "the token's signature cannot be checked with key '" + kid + "': " + e.getMessage());
        }
    }

    private PublicKey key(String kid) {
        PublicKey key = keys.get(kid);
        if (key == null && fetchedAt.plusSeconds(REFETCH_SECONDS).isBefore(clock.instant())) {
            fetch();
            key = keys.get(kid);
        }
        if (key == null) {
            throw new TokenRejected("the issuer's JWKS (" + uri + ") has no key '" + kid + "'");
        }
        return key;
    }

    private void fetch() {
        fetching.lock();
        try {
            if (!fetchedAt.plusSeconds(REFETCH_SECONDS).isBefore(clock.instant())) {
                return;
            }
            fetchedAt = clock.instant();
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warn("JWKS {} answered {}", uri, response.statusCode());
                return;
            }
            Map<String, PublicKey> parsed = new HashMap<>();
            for (JsonNode jwk : JSON.readTree(response.body()).path("keys")) {
                try {
                    parsed.put(jwk.path("kid").asText(""), publicKey(jwk));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    LOG.warn(
                            "JWKS {}: key '{}' skipped: {}",
                            uri,
                            jwk.path("kid").asText(""),
                            e.getMessage());
                }
            }
            keys = Map.copyOf(parsed);
        } catch (IOException e) {
            LOG.warn("JWKS {} not fetched: {}", uri, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            fetching.unlock();
        }
    }

    private static PublicKey publicKey(JsonNode jwk) throws GeneralSecurityException {
        return switch (jwk.path("kty").asText("")) {
            case "RSA" ->
                KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
            case "EC" -> {
                if (!jwk.path("crv").asText("").equals("P-256")) {
                    throw new IllegalArgumentException(
                            "curve " + jwk.path("crv").asText("") + " (openahi takes P-256)");
                }
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                yield KeyFactory.getInstance("EC")
                        .generatePublic(new ECPublicKeySpec(
                                new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")),
                                parameters.getParameterSpec(ECParameterSpec.class)));
            }
            default ->
                throw new IllegalArgumentException("key type " + jwk.path("kty").asText(""));
        };
    }

    private static BigInteger unsigned(JsonNode jwk, String member) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path(member).asText("")));
    }
}
