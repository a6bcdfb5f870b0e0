package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Raw wire checks of what the SDK cannot send or does not show: AWS-shaped errors for unknown routes,
 * malformed bodies and protocol garbage (never HTML, never 500), header and body forms, the operational
 * endpoints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireProtocolIT {
    private TestServer server;
    private String datastoreId;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_MAX_REQUEST_BYTES", "4096"));
        try (MedicalImagingClient client = server.client()) {
            datastoreId = client.createDatastore(r -> r.datastoreName("wire")).datastoreId();
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static void assertAwsError(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.errorType()).isEqualTo(type);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().fieldNames()).toIterable().containsExactly("message");
        assertThat(response.message()).isNotBlank();
    }

    @Test
    void successesCarryARequestIdAJsonBodyEpochSecondTimestampsAndADate() {
        RawHttp.Response response =
                new RawHttp.Request(server).path("/datastore/" + datastoreId).send(server);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("Date")).isNotBlank();
        assertThat(response.header("Server")).isNull();
        var createdAt = response.json().at("/datastoreProperties/createdAt");
        assertThat(createdAt.isNumber()).isTrue();
        assertThat(createdAt.asDouble()).isGreaterThan(1.7e9);
        // Milliseconds as the fraction, all three digits written (read as text: a JSON parser's double loses a trailing
        // 0).
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                .containsPattern("\"createdAt\":\\d{10}\\.\\d{3}[,}]");
    }

    @Test
    void unknownPathsAndMethodsAreAwsErrors() {
        assertAwsError(
                new RawHttp.Request(server).path("/no/such/route").send(server), 404, "UnknownOperationException");
        assertAwsError(
                new RawHttp.Request(server)
                        .method("PUT")
                        .path("/datastore/" + datastoreId)
                        .send(server),
                405,
                "UnknownOperationException");
        assertAwsError(new RawHttp.Request(server).path("/datastore/").send(server), 404, "UnknownOperationException");
    }

    @Test
    void malformedBodiesAreSerializationErrorsNamingTheMember() {
        assertAwsError(
                new RawHttp.Request(server)
                        .method("POST")
                        .path("/datastore")
                        .body("{\"clientToken\":")
                        .send(server),
                400,
                "SerializationException");
        assertAwsError(
                new RawHttp.Request(server)
                        .method("POST")
                        .path("/datastore")
                        .body("[1,2]")
                        .send(server),
                400,
                "SerializationException");
        RawHttp.Response wrongType = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore")
                .body("{\"clientToken\":\"t\",\"tags\":[\"not\",\"a\",\"map\"]}")
                .send(server);
        assertAwsError(wrongType, 400, "SerializationException");
        assertThat(wrongType.message()).contains("'tags'");
        RawHttp.Response badInteger = new RawHttp.Request(server)
                .path("/datastore")
                .query("maxResults=ten")
                .send(server);
        assertAwsError(badInteger, 400, "SerializationException");
        assertThat(badInteger.message()).contains("'maxResults'");
    }

    @Test
    void unknownJsonMembersAreIgnoredAndNullMeansAbsent() {
        RawHttp.Response response = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore")
                .body("{\"clientToken\":\"unknown-members\",\"futureOption\":{\"x\":1},\"kmsKeyArn\":null}")
                .send(server);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("datastoreStatus").asText()).isEqualTo("CREATING");
    }

    @Test
    void missingRequiredBodyMembersAreValidationErrors() {
        RawHttp.Response response =
                new RawHttp.Request(server).method("POST").path("/datastore").send(server);
        assertAwsError(response, 400, "ValidationException");
        assertThat(response.message())
                .isEqualTo("1 validation error detected: Value null at 'clientToken' failed to "
                        + "satisfy constraint: Member must not be null");
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() {
        String big = "{\"clientToken\":\"" + "a".repeat(5000) + "\"}";
        assertAwsError(
                new RawHttp.Request(server)
                        .method("POST")
                        .path("/datastore")
                        .body(big)
                        .send(server),
                413,
                "RequestEntityTooLargeException");
    }

    @Test
    void protocolGarbageIsAnsweredAsJsonNotHtml() {
        RawHttp.Response garbage =
                RawHttp.exchange(server.port(), "NOT A REQUEST LINE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.header("Content-Type")).startsWith("application/json");
        assertThat(garbage.json().has("message")).isTrue();
        RawHttp.Response badEscape = RawHttp.exchange(
                server.port(),
                ("GET /datastore/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(badEscape.status()).isEqualTo(400);
        assertThat(badEscape.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void encodedSlashesStayInsideTheArnLabel() {
        String arn = server.datastoreArn(datastoreId);
        RawHttp.Response response = new RawHttp.Request(server)
                .path("/tags/" + software.amazon.awssdk.utils.http.SdkHttpUtils.urlEncode(arn))
                .send(server);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("tags").isObject()).isTrue();
    }

    @Test
    void healthAndMetricsAreServedWithoutSigningOnAPathNoAhiRouteUses() {
        RawHttp.Response health = RawHttp.send(server.port(), "GET", "/_openahi/health", Map.of(), new byte[0]);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        new RawHttp.Request(server).path("/datastore/" + datastoreId).send(server);
        RawHttp.Response metrics = RawHttp.send(server.port(), "GET", "/_openahi/metrics", Map.of(), new byte[0]);
        assertThat(metrics.status()).isEqualTo(200);
        String text = new String(metrics.body(), StandardCharsets.UTF_8);
        assertThat(text)
                .containsPattern("openahi_requests_total\\{node=\"[^\"]+\",operation=\"GetDatastore\",status=\"200\"}")
                .containsPattern(
                        "openahi_request_duration_seconds_bucket\\{node=\"[^\"]+\",operation=\"GetDatastore\",status=\"200\"");
    }
}
