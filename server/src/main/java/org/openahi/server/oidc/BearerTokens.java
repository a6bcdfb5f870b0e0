package org.openahi.server.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openahi.core.access.AccessControl;
import org.openahi.core.access.AccessFile;
import org.openahi.core.access.OidcSettings;
import org.openahi.core.access.Principal;
import org.openahi.core.error.AccessDenied;

/**
 * OIDC bearer tokens on DICOMweb, with AHI's contract: the token's {@code exp}, {@code nbf} and {@code iat} are
 * checked first ({@link Jwt#checkTimes}); then, for a data store created with a {@code lambdaAuthorizerArn}, the
 * authorizer the access file maps that ARN to receives AHI's Lambda event ({@code datastoreId}, {@code operation},
 * {@code bearerToken}) and must answer within 1 second with {@code {isTokenValid, roleArn}}: the request then acts as
 * that role (an empty roleArn denies it). A data store without one takes tokens of the access file's OIDC issuer:
 * signature against its JWKS, {@code iss}, {@code aud}, and the first claim rule that matches names the principal.
 */
public final class BearerTokens {
    /** AHI: the authorizer must answer within a second. */
    static final Duration AUTHORIZER_TIMEOUT = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessControl access;
    private final Function<String, Optional<String>> lambdaAuthorizerArn;
    private final HttpClient http;
    private final Clock clock;
    private final Map<URI, Jwks> issuers = new ConcurrentHashMap<>();

    /** @param lambdaAuthorizerArn a data store's {@code lambdaAuthorizerArn} by its id (empty when none or unknown) */
    public BearerTokens(AccessControl access, Function<String, Optional<String>> lambdaAuthorizerArn, Clock clock) {
        this.access = access;
        this.lambdaAuthorizerArn = lambdaAuthorizerArn;
        this.http = HttpClient.newBuilder().connectTimeout(AUTHORIZER_TIMEOUT).build();
        this.clock = clock;
    }

    public static boolean isJwt(String token) {
        return Jwt.looksLikeOne(token);
    }

    /** AHI's claim checks alone, for a request whose body is not read yet; a {@link TokenRejected} when they fail. */
    public void precheck(String token) {
        Jwt.parse(token).checkTimes(clock.instant());
    }

    /**
     * The principal a token acts as for {@code operation} on the data store; a {@link TokenRejected} (401) when the token
     * is not acceptable, an {@link AccessDenied} (403) when the authorizer denies or cannot be asked.
     */
    public Principal authenticate(String token, String datastoreId, String operation) {
        Jwt jwt = Jwt.parse(token);
        jwt.checkTimes(clock.instant());
        AccessFile.Contents contents = access.current();
        Optional<String> authorizer = lambdaAuthorizerArn.apply(datastoreId);
        if (authorizer.isPresent()) {
            return authorize(contents, authorizer.get(), token, datastoreId, operation);
        }
        OidcSettings oidc = contents.oidc()
                .orElseThrow(
                        () -> new TokenRejected(
                                "data store " + datastoreId + " has no "
                                        + "lambdaAuthorizerArn and the access file names no OIDC issuer, so it takes no bearer tokens"));
        if (!oidc.issuer().equals(jwt.stringClaim("iss"))) {
            throw new TokenRejected("the token's issuer '" + jwt.stringClaim("iss") + "' is not " + oidc.issuer());
        }
        if (oidc.audience().isPresent()
                && !contains(jwt.claims().get("aud"), oidc.audience().get())) {
            throw new TokenRejected(
                    "the token's audience does not include " + oidc.audience().get());
        }
        issuers.computeIfAbsent(oidc.jwksUri(), uri -> new Jwks(uri, http, clock))
                .verify(jwt);
        for (OidcSettings.ClaimRule rule : oidc.principals()) {
            if (contains(jwt.claims().get(rule.claim()), rule.value())) {
                return contents.principals().get(rule.principalArn());
            }
        }
        throw new AccessDenied("No principal of the access file matches the token of '" + jwt.stringClaim("sub")
                + "' (oidc principals rules)");
    }

    private Principal authorize(
            AccessFile.Contents contents, String arn, String token, String datastoreId, String operation) {
        URI url = Optional.ofNullable(contents.authorizers().get(arn))
                .orElseThrow(() -> new AccessDenied("The data " + "store's lambdaAuthorizerArn " + arn
                        + " has no authorizer URL in the access file (authorizers)"));
        JsonNode answer;
        try {
            byte[] event = JSON.writeValueAsBytes(
                    Map.of("datastoreId", datastoreId, "operation", operation, "bearerToken", token));
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(AUTHORIZER_TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AccessDenied("The Lambda authorizer " + arn + " answered HTTP " + response.statusCode());
            }
            answer = JSON.readTree(response.body());
        } catch (HttpTimeoutException e) {
            throw new AccessDenied("The Lambda authorizer " + arn + " did not answer within 1 second");
        } catch (IOException e) {
            throw new AccessDenied("The Lambda authorizer " + arn + " could not be asked: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessDenied("Interrupted while asking the Lambda authorizer " + arn);
        }
        if (answer == null
                || !answer.path("isTokenValid").isBoolean()
                || !answer.path("roleArn").isTextual()) {
            throw new AccessDenied("The Lambda authorizer " + arn + " did not answer {isTokenValid, roleArn}");
        }
        if (!answer.get("isTokenValid").booleanValue()) {
            throw new TokenRejected("the Lambda authorizer " + arn + " found the token invalid");
        }
        String role = answer.get("roleArn").asText();
        if (role.isEmpty()) {
            throw new AccessDenied("The Lambda authorizer " + arn + " denied the request (empty roleArn)");
        }
        return contents.principals().containsKey(role)
                ? contents.principals().get(role)
                : new Principal(role, java.util.List.of());
    }

    /** A claim equal to the value, or an array claim holding it. */
    private static boolean contains(JsonNode claim, String value) {
        if (claim == null) {
            return false;
        }
        if (claim.isArray()) {
            for (JsonNode element : claim) {
                if (element.isTextual() && element.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }
        return claim.isValueNode() && claim.asText().equals(value);
    }
}
