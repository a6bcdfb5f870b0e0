package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC bearer tokens on DICOMweb (issue 17), against an issuer and an authorizer built here on the JDK's HTTP server
 * and java.security (no IdP product: an RSA and a P-256 key, a JWKS document, tokens signed with the JDK): AHI's
 * claim checks (exp, nbf, iat at most 12 hours old), openahi's own path (JWKS signature, issuer, audience, claims to
 * a principal) and AHI's Lambda authorizer contract (the event it receives, its answer within 1 second, the role it
 * names evaluated like any principal).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://issuer.openahi.test";
    private static final String AUDIENCE = "openahi";
    private static final String ACCOUNT = TestServer.ACCOUNT_ID;
    private static final String VIEWER = "arn:aws:iam::" + ACCOUNT + ":role/viewer";
    private static final String NO_DICOMWEB = "arn:aws:iam::" + ACCOUNT + ":role/datastore-reader";
    private static final String AUTHORIZER = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:authorizer";
    private static final String SLOW_AUTHORIZER = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:slow";

    private HttpServer idp;
    private KeyPair rsa;
    private KeyPair ec;
    private KeyPair impostor;
    private TestServer server;
    private String oidcDatastore;
    private String lambdaDatastore;
    private String slowDatastore;
    /** What the authorizer answers for a token (isTokenValid, roleArn); the events it received. */
    private final Map<String, String[]> verdicts = new ConcurrentHashMap<>();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        KeyPairGenerator rsaKeys = KeyPairGenerator.getInstance("RSA");
        rsaKeys.initialize(2048);
        rsa = rsaKeys.generateKeyPair();
        impostor = rsaKeys.generateKeyPair();
        KeyPairGenerator ecKeys = KeyPairGenerator.getInstance("EC");
        ecKeys.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecKeys.generateKeyPair();
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks", exchange -> answer(exchange, jwks()));
        idp.createContext("/authorize", this::authorize);
        idp.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, "{\"isTokenValid\": true, \"roleArn\": \"" + VIEWER + "\"}");
        });
        idp.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        idp.start();

        Path accessFile = work.resolve("access.json");
        Files.writeString(accessFile, accessFile());
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_ACCESS_FILE", accessFile.toString()));
        try (var admin = server.client()) {
            oidcDatastore = admin.createDatastore(r -> r.datastoreName("oidc")).datastoreId();
            lambdaDatastore = admin.createDatastore(
                            r -> r.datastoreName("lambda").lambdaAuthorizerArn(AUTHORIZER))
                    .datastoreId();
            slowDatastore = admin.createDatastore(r -> r.datastoreName("slow").lambdaAuthorizerArn(SLOW_AUTHORIZER))
                    .datastoreId();
        }
    }

    @AfterAll
    void stop() {
        server.close();
        idp.stop(0);
    }

    private String accessFile() {
        String base = "http://127.0.0.1:" + idp.getAddress().getPort();
        return """
        {"principals": [
          {"arn": "arn:aws:iam::%1$s:user/admin",
           "accessKeys": [{"accessKeyId": "%2$s", "secretAccessKey": "%3$s"}],
           "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]},
          {"arn": "%4$s", "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
           "Action": ["medical-imaging:GetDICOM*", "medical-imaging:SearchDICOM*"], "Resource": "*"}]}]},
          {"arn": "%5$s", "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
           "Action": "medical-imaging:GetDatastore", "Resource": "*"}]}]}],
         "oidc": {"issuer": "%6$s", "jwksUri": "%7$s/jwks", "audience": "%8$s",
                  "principals": [{"claim": "groups", "value": "radiology", "principal": "%4$s"}]},
         "authorizers": {"%9$s": "%7$s/authorize", "%10$s": "%7$s/slow"}}
        """.formatted(
                        ACCOUNT,
                        TestServer.ACCESS_KEY_ID,
                        TestServer.SECRET_ACCESS_KEY,
                        VIEWER,
                        NO_DICOMWEB,
                        ISSUER,
                        base,
                        AUDIENCE,
                        AUTHORIZER,
                        SLOW_AUTHORIZER);
    }

    // ---- openahi's own OIDC (no lambdaAuthorizerArn)

    @Test
    void aValidTokenOfTheIssuerActsAsThePrincipalItsClaimsName() {
        assertThat(search(oidcDatastore, token(rsa, "k1", claims())).status()).isIn(200, 204);
        assertThat(search(oidcDatastore, token(ec, "e1", claims())).status()).isIn(200, 204);
        RawHttp.Response otherGroup = search(oidcDatastore, token(rsa, "k1", claims().put("groups", "cardiology")));
        assertThat(otherGroup.status()).isEqualTo(403);
        assertThat(otherGroup.errorType()).isEqualTo("AccessDeniedException");
    }

    @Test
    void expiredNotYetValidTooOldWronglySignedAndForeignTokensAre401WithTheReason() {
        long now = Instant.now().getEpochSecond();
        assertRejected(search(oidcDatastore, token(rsa, "k1", claims().put("exp", now - 60))), "expired");
        assertRejected(search(oidcDatastore, token(rsa, "k1", claims().put("nbf", now + 600))), "not valid before");
        assertRejected(
                search(oidcDatastore, token(rsa, "k1", claims().put("iat", now - 13 * 3600))),
                "more than 12 hours ago");
        assertRejected(search(oidcDatastore, token(rsa, "k1", claims().put("iat", now + 600))), "after now");
        assertRejected(search(oidcDatastore, token(impostor, "k1", claims())), "signature does not verify");
        assertRejected(
                search(oidcDatastore, token(rsa, "k1", claims().put("iss", "https://elsewhere.test"))),
                "issuer 'https://elsewhere.test' is not " + ISSUER);
        assertRejected(search(oidcDatastore, token(rsa, "k1", claims().put("aud", "someone-else"))), "audience");
        assertRejected(search(oidcDatastore, token(rsa, "unknown-key", claims())), "has no key 'unknown-key'");
        assertRejected(search(oidcDatastore, "not.a.jwt"), "not");
    }

    @Test
    void anOpaqueTokenWithNoStaticTokenConfiguredIs401NamingTheSettingWithoutEchoingIt() {
        // This server has OIDC but no OPENAHI_DICOMWEB_BEARER_TOKEN: before, such a token fell through to SigV4's 403.
        RawHttp.Response search = search(oidcDatastore, "an-opaque-secret");
        assertRejected(search, "no static token is configured (OPENAHI_DICOMWEB_BEARER_TOKEN)");
        assertThat(new String(search.body(), StandardCharsets.UTF_8)).doesNotContain("an-opaque-secret");
        RawHttp.Response stow = RawHttp.send(
                server.port(),
                "POST",
                "/datastore/" + oidcDatastore + "/studies",
                Map.of(
                        "Authorization", "Bearer an-opaque-secret",
                        "Content-Type", "multipart/related; type=\"application/dicom\"; boundary=b"),
                "--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        assertRejected(stow, "OPENAHI_DICOMWEB_BEARER_TOKEN");
    }

    // ---- AHI's Lambda authorizer (the data store's lambdaAuthorizerArn)

    @Test
    void theAuthorizerReceivesAhisEventAndTheRoleItNamesIsEvaluated() {
        String token = token(impostor, "any", claims().put("sub", "lambda-user"));
        verdicts.put(token, new String[] {"true", VIEWER});
        events.clear();
        RawHttp.Response allowed = search(lambdaDatastore, token);
        assertThat(allowed.status())
                .as(new String(allowed.body(), StandardCharsets.UTF_8))
                .isIn(200, 204);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("datastoreId").asText()).isEqualTo(lambdaDatastore);
        assertThat(events.get(0).path("operation").asText()).isEqualTo("SearchDICOMStudies");
        assertThat(events.get(0).path("bearerToken").asText()).isEqualTo(token);
    }

    @Test
    void anAuthorizerThatSaysNoDeniesOrNamesARoleWithoutDicomWebRightsIsRefused() {
        String invalid = token(rsa, "k1", claims().put("sub", "refused"));
        verdicts.put(invalid, new String[] {"false", ""});
        assertRejected(search(lambdaDatastore, invalid), "found the token invalid");

        String denied = token(rsa, "k1", claims().put("sub", "denied"));
        verdicts.put(denied, new String[] {"true", ""});
        RawHttp.Response explicit = search(lambdaDatastore, denied);
        assertThat(explicit.status()).isEqualTo(403);
        assertThat(explicit.message()).contains("empty roleArn");

        String reader = token(rsa, "k1", claims().put("sub", "reader"));
        verdicts.put(reader, new String[] {"true", NO_DICOMWEB});
        RawHttp.Response noRights = search(lambdaDatastore, reader);
        assertThat(noRights.status()).isEqualTo(403);
        assertThat(noRights.errorType()).isEqualTo("AccessDeniedException");
        assertThat(noRights.message())
                .isEqualTo("User: " + NO_DICOMWEB + " is not authorized to perform: "
                        + "medical-imaging:SearchDICOMStudies on resource: " + server.datastoreArn(lambdaDatastore)
                        + " because no identity-based policy allows the medical-imaging:SearchDICOMStudies action");
    }

    @Test
    void anExpiredTokenNeverReachesTheAuthorizer() {
        String expired = token(rsa, "k1", claims().put("exp", Instant.now().getEpochSecond() - 1));
        verdicts.put(expired, new String[] {"true", VIEWER});
        events.clear();
        assertRejected(search(lambdaDatastore, expired), "expired");
        assertThat(events).isEmpty();
    }

    @Test
    void anAuthorizerSlowerThanOneSecondIsRefused() {
        RawHttp.Response slow = search(slowDatastore, token(rsa, "k1", claims()));
        assertThat(slow.status()).isEqualTo(403);
        assertThat(slow.errorType()).isEqualTo("AccessDeniedException");
        assertThat(slow.message()).contains("did not answer within 1 second");
    }

    // ---- the issuer and the authorizer

    private static ObjectNode claims() {
        long now = Instant.now().getEpochSecond();
        return JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("aud", AUDIENCE)
                .put("sub", "alice")
                .put("groups", "radiology")
                .put("iat", now - 60)
                .put("nbf", now - 60)
                .put("exp", now + 600);
    }

    private static String token(KeyPair key, String kid, ObjectNode claims) {
        boolean rsa = key.getPrivate().getAlgorithm().equals("RSA");
        String header = base64(JSON.createObjectNode()
                .put("alg", rsa ? "RS256" : "ES256")
                .put("kid", kid)
                .put("typ", "JWT")
                .toString()
                .getBytes(StandardCharsets.UTF_8));
        String input = header + "." + base64(claims.toString().getBytes(StandardCharsets.UTF_8));
        return input + "."
                + base64(sign(
                        key.getPrivate(),
                        rsa ? "SHA256withRSA" : "SHA256withECDSAinP1363Format",
                        input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] sign(PrivateKey key, String algorithm, byte[] input) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String jwks() {
        RSAPublicKey rsaKey = (RSAPublicKey) rsa.getPublic();
        ECPublicKey ecKey = (ECPublicKey) ec.getPublic();
        ObjectNode document = JSON.createObjectNode();
        document.putArray("keys")
                .add(JSON.createObjectNode()
                        .put("kty", "RSA")
                        .put("kid", "k1")
                        .put("use", "sig")
                        .put("alg", "RS256")
                        .put("n", base64(unsigned(rsaKey.getModulus())))
                        .put("e", base64(unsigned(rsaKey.getPublicExponent()))))
                .add(JSON.createObjectNode()
                        .put("kty", "EC")
                        .put("kid", "e1")
                        .put("crv", "P-256")
                        .put("x", base64(coordinate(ecKey.getW().getAffineX())))
                        .put("y", base64(coordinate(ecKey.getW().getAffineY()))));
        return document.toString();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
        events.add(event);
        String[] verdict = verdicts.getOrDefault(event.path("bearerToken").asText(), new String[] {"false", ""});
        answer(
                exchange,
                JSON.createObjectNode()
                        .put("isTokenValid", Boolean.parseBoolean(verdict[0]))
                        .put("roleArn", verdict[1])
                        .toString());
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // The server gave up waiting (the slow authorizer): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = unsigned(value);
        byte[] padded = new byte[32];
        System.arraycopy(bytes, 0, padded, 32 - bytes.length, bytes.length);
        return padded;
    }

    // ---- requests

    private RawHttp.Response search(String datastoreId, String token) {
        return RawHttp.send(
                server.port(),
                "GET",
                "/datastore/" + datastoreId + "/studies",
                Map.of("Authorization", "Bearer " + token, "Accept", "application/dicom+json"),
                new byte[0]);
    }

    private static void assertRejected(RawHttp.Response response, String reason) {
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        try {
            assertThat(JSON.readTree(response.body()).path("message").asText()).contains(reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
