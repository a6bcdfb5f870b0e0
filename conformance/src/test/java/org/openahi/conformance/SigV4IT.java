package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.MedicalImagingException;
import software.amazon.awssdk.services.medicalimaging.model.ResourceNotFoundException;

/**
 * SigV4: each way a request can fail authentication is answered 403 with AWS's error type, through the
 * SDK where the SDK can produce the fault and by hand where it cannot; and the API answers on any Host,
 * with the SDK's host prefix injection on and off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigV4IT {
    private TestServer server;
    private String datastoreId;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.SQLITE);
        try (MedicalImagingClient client = server.client()) {
            datastoreId = client.createDatastore(r -> r.datastoreName("sigv4")).datastoreId();
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private void assertRejected(MedicalImagingClient client, String errorType, String messageFragment) {
        try (client) {
            assertThatThrownBy(() -> client.getDatastore(r -> r.datastoreId(datastoreId)))
                    .isInstanceOf(MedicalImagingException.class)
                    .satisfies(e -> {
                        AwsServiceException error = (AwsServiceException) e;
                        assertThat(error.statusCode()).isEqualTo(403);
                        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(errorType);
                        assertThat(error.awsErrorDetails().errorMessage()).contains(messageFragment);
                        assertThat(error.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void anUnsignedRequestLacksTheAuthenticationToken() {
        assertRejected(
                server.baseBuilder(AnonymousCredentialsProvider.create())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build(),
                "MissingAuthenticationTokenException",
                "Missing Authentication Token");
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        assertRejected(
                server.baseBuilder(TestServer.credentials("AKIAUNKNOWN", TestServer.SECRET_ACCESS_KEY))
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build(),
                "UnrecognizedClientException",
                "security token included in the request is invalid");
    }

    @Test
    void aWrongSecretIsAnInvalidSignatureThatShowsTheCanonicalRequest() {
        assertRejected(
                server.baseBuilder(TestServer.credentials(TestServer.ACCESS_KEY_ID, "wrong-secret"))
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build(),
                "InvalidSignatureException",
                "The Canonical String for this request should have been\n'GET\n/datastore/" + datastoreId + "\n");
    }

    @Test
    void aRequestSignedForAnotherRegionOrServiceIsRejected() {
        assertRejected(
                server.baseBuilder(TestServer.credentials(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY))
                        .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build(),
                "InvalidSignatureException",
                "valid region, not 'eu-west-1'");
        RawHttp.Request wrongService = new RawHttp.Request(server).path("/datastore/" + datastoreId);
        wrongService.service = "s3";
        RawHttp.Response response = wrongService.send(server);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(response.message()).contains("correct service: 'medical-imaging'");
    }

    @Test
    void malformedAuthorizationHeadersAreIncompleteSignatures() {
        RawHttp.Request valid = new RawHttp.Request(server).path("/datastore/" + datastoreId);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        valid.signedHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        String authorization = headers.get("Authorization");
        String withoutSignature = authorization.substring(0, authorization.indexOf(", Signature="));
        for (String broken : new String[] {
            withoutSignature,
            "AWS4-HMAC-SHA256 SignedHeaders=host",
            "Basic b3BlbjpzZXNhbWU=",
            authorization.replace("/aws4_request", "/aws4_wrong"),
            authorization.replaceFirst("Credential=[^/]+/", "Credential=")
        }) {
            headers.put("Authorization", broken);
            RawHttp.Response response =
                    RawHttp.send(server.port(), "GET", "/datastore/" + datastoreId, headers, new byte[0]);
            assertThat(response.status()).as(broken).isEqualTo(403);
            assertThat(response.errorType()).as(broken).isEqualTo("IncompleteSignatureException");
            assertThat(response.message()).as(broken).isNotBlank();
            assertThat(response.header("x-amzn-RequestId")).isNotBlank();
        }
        // Another scheme's credential is a secret: not echoed; a bearer token is pointed to DICOMweb.
        headers.put("Authorization", "Bearer a-secret-token");
        RawHttp.Response bearer = RawHttp.send(server.port(), "GET", "/datastore/" + datastoreId, headers, new byte[0]);
        assertThat(bearer.errorType()).isEqualTo("IncompleteSignatureException");
        assertThat(bearer.message()).doesNotContain("a-secret-token").contains("DICOMweb paths");
        headers.put("Authorization", authorization);
        headers.remove("X-Amz-Date");
        RawHttp.Response noDate = RawHttp.send(server.port(), "GET", "/datastore/" + datastoreId, headers, new byte[0]);
        assertThat(noDate.errorType()).isEqualTo("IncompleteSignatureException");
        assertThat(noDate.message()).contains("'X-Amz-Date' or a 'Date' header");
    }

    @Test
    void aClockSkewedByMoreThanFifteenMinutesIsRejectedEitherWay() {
        for (Duration skew : new Duration[] {Duration.ofMinutes(-16), Duration.ofMinutes(16)}) {
            RawHttp.Request request = new RawHttp.Request(server).path("/datastore/" + datastoreId);
            request.clock = Clock.offset(Clock.systemUTC(), skew);
            RawHttp.Response response = request.send(server);
            assertThat(response.status()).as(skew.toString()).isEqualTo(403);
            assertThat(response.errorType()).isEqualTo("InvalidSignatureException");
            assertThat(response.message()).containsAnyOf("Signature expired", "Signature not yet current");
        }
        RawHttp.Request withinLimit = new RawHttp.Request(server).path("/datastore/" + datastoreId);
        withinLimit.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-14));
        assertThat(withinLimit.send(server).status()).isEqualTo(200);
    }

    @Test
    void aPayloadThatDoesNotMatchItsDeclaredHashOrItsSignatureIsRejected() {
        byte[] tampered = "{\"clientToken\":\"p3\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        // Signed with X-Amz-Content-SHA256 (the Java SDK sends it; botocore does not), then the body is swapped.
        RawHttp.Request declared = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore")
                .body("{\"clientToken\":\"p1\"}")
                .header("x-amz-content-sha256", "required");
        Map<String, String> declaredHeaders = new java.util.LinkedHashMap<>();
        declared.signedHeaders().forEach((name, values) -> declaredHeaders.put(name, values.get(0)));
        assertThat(declaredHeaders.get("x-amz-content-sha256")).matches("[0-9a-f]{64}");
        RawHttp.Response hashMismatch = RawHttp.send(server.port(), "POST", "/datastore", declaredHeaders, tampered);
        assertThat(hashMismatch.status()).isEqualTo(403);
        assertThat(hashMismatch.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(hashMismatch.message()).contains("x-amz-content-sha256");

        // The body is swapped and its hash updated to match: the hash is signed, so the signature no longer is.
        declaredHeaders.put("x-amz-content-sha256", java.util.HexFormat.of().formatHex(sha256(tampered)));
        RawHttp.Response resigned = RawHttp.send(server.port(), "POST", "/datastore", declaredHeaders, tampered);
        assertThat(resigned.status()).isEqualTo(403);
        assertThat(resigned.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(resigned.message()).contains("does not match the signature you provided");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sessionTokensAreNotIssuedHereSoNoneIsValid() {
        RawHttp.Response response = new RawHttp.Request(server)
                .path("/datastore/" + datastoreId)
                .header("X-Amz-Security-Token", "FwoGZXIvYXdzE")
                .send(server);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorType()).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void theSignatureIsCheckedAgainstTheHostThatArrived() {
        RawHttp.Request request = new RawHttp.Request(server).path("/datastore/" + datastoreId);
        request.host = "runtime-ahi.example.org:" + server.port();
        RawHttp.Response response = request.send(server);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/datastoreProperties/datastoreId").asText())
                .isEqualTo(datastoreId);

        Map<String, String> headers = new java.util.LinkedHashMap<>();
        request.signedHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        headers.put("Host", "another-host:" + server.port());
        RawHttp.Response moved = RawHttp.send(server.port(), "GET", "/datastore/" + datastoreId, headers, new byte[0]);
        assertThat(moved.status()).isEqualTo(403);
        assertThat(moved.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(moved.message()).contains("host:another-host:" + server.port());
    }

    @Test
    void hostPrefixInjectionOnReachesTheServerAtRuntimeLocalhost() {
        try (MedicalImagingClient prefixed = server.clientWithHostPrefix()) {
            // Control-plane calls carry no prefix...
            assertThat(prefixed.getDatastore(r -> r.datastoreId(datastoreId))
                            .datastoreProperties()
                            .datastoreName())
                    .isEqualTo("sigv4");
            // ...data-plane calls go to runtime-localhost, signed for that host, and are answered by this server.
            assertThatThrownBy(() ->
                            prefixed.getImageSet(r -> r.datastoreId(datastoreId).imageSetId("c".repeat(32))))
                    .isInstanceOf(MedicalImagingException.class)
                    .satisfies(e ->
                            assertThat(((AwsServiceException) e).requestId()).isNotBlank())
                    .satisfies(e -> assertThat(
                                    ((AwsServiceException) e).awsErrorDetails().errorCode())
                            .isNotIn("InvalidSignatureException", "IncompleteSignatureException"));
        }
    }

    @Test
    void hostPrefixInjectionOffSendsDataPlaneCallsToTheEndpointAsGiven() {
        try (MedicalImagingClient plain = server.client()) {
            assertThatThrownBy(() ->
                            plain.getImageSet(r -> r.datastoreId(datastoreId).imageSetId("c".repeat(32))))
                    .isInstanceOf(MedicalImagingException.class)
                    .satisfies(e -> assertThat(
                                    ((AwsServiceException) e).awsErrorDetails().errorCode())
                            .isNotIn("InvalidSignatureException", "IncompleteSignatureException"));
            assertThatThrownBy(() -> plain.getDatastore(r -> r.datastoreId("d".repeat(32))))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
