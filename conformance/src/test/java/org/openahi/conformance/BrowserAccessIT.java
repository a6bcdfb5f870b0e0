package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.UpdateImageSetMetadataResponse;

/**
 * What browsers need on the wire (docs/browser.md): CORS for allowed origins only, sign-in sessions standing for
 * their signer on the API and DICOMweb (the cookie only for GET on DICOMweb), and the history extension naming who
 * made each version with the request id the client got.
 */
class BrowserAccessIT {
    private static final String ALLOWED = "http://viewer.example:9000";
    private static final String OTHER = "http://evil.example";

    @Test
    void corsAnswersAllowedOriginsOnlyAndPreflightsNeedNoSignature() {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_CORS_ORIGINS", ALLOWED))) {
            RawHttp.Response preflight = preflight(
                    server,
                    ALLOWED,
                    "POST",
                    "authorization,content-type,x-amz-date,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
            assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST", "GET", "DELETE");
            assertThat(preflight.header("Access-Control-Allow-Headers"))
                    .contains("authorization", "x-amz-date", "amz-sdk-request");
            RawHttp.Response refused = preflight(server, OTHER, "POST", "authorization");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
            assertThat(preflight(server, ALLOWED, "POST", "x-secret-header").status())
                    .isEqualTo(403);

            RawHttp.Response list = new RawHttp.Request(server)
                    .path("/datastore")
                    .header("Origin", ALLOWED)
                    .send(server);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
            assertThat(list.header("Access-Control-Expose-Headers"))
                    .contains("ETag", "x-amzn-RequestId", "Content-Type");
            RawHttp.Response other = new RawHttp.Request(server)
                    .path("/datastore")
                    .header("Origin", OTHER)
                    .send(server);
            assertThat(other.status()).isEqualTo(200);
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        }
        try (TestServer server = TestServer.start(Backend.SQLITE)) {
            assertThat(preflight(server, ALLOWED, "GET", "authorization").status())
                    .as("no origin by default")
                    .isEqualTo(403);
        }
    }

    @Test
    void aSessionStandsForItsSignerAndTheHistoryNamesWhoMadeEachVersion(@TempDir Path work) {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()))) {
            MedicalImagingClient client = server.client();
            ImageSets.Fixture fixture = ImageSets.importFixture(client, work, "browser");
            String ds = fixture.datastoreId();
            String id = fixture.primary();

            RawHttp.Response signIn = new RawHttp.Request(server)
                    .method("POST")
                    .path("/_openahi/session")
                    .send(server);
            assertThat(signIn.status()).isEqualTo(200);
            String token = signIn.json().path("token").asText();
            assertThat(token).startsWith("oas_");
            assertThat(signIn.json().path("principalArn").asText())
                    .isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT_ID + ":root");
            assertThat(signIn.header("Set-Cookie")).contains("openahi_session=" + token, "HttpOnly", "SameSite=Strict");
            assertThat(signIn.header("Set-Cookie")).as("given over plain HTTP").doesNotContain("Secure");
            RawHttp.Response unsignedSignIn = plain(server, "POST", "/_openahi/session", Map.of());
            assertThat(unsignedSignIn.status()).isEqualTo(403);
            assertThat(plain(server, "POST", "/_openahi/session", Map.of("Authorization", "Bearer " + token))
                            .status())
                    .as("a session cannot make another")
                    .isEqualTo(403);

            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
            assertThat(plain(server, "GET", "/datastore", bearer)
                            .json()
                            .path("datastoreSummaries")
                            .size())
                    .isEqualTo(1);
            String studies = "/datastore/" + ds + "/studies";
            assertThat(plain(server, "GET", studies, bearer).status()).isEqualTo(200);
            Map<String, String> cookie = Map.of("Cookie", "other=1; openahi_session=" + token);
            assertThat(plain(server, "GET", studies, cookie).status())
                    .as("cookie on a DICOMweb GET")
                    .isEqualTo(200);
            assertThat(plain(server, "GET", "/datastore", cookie).status())
                    .as("no cookie on the API")
                    .isEqualTo(403);
            assertThat(plain(server, "POST", studies, cookie).status())
                    .as("no cookie on a STOW-RS POST")
                    .isEqualTo(403);

            UpdateImageSetMetadataResponse update =
                    ImageSets.update(client, ds, id, "1", ImageSets.studyAttribute("StudyDescription", "EDITED"));
            String updateRequestId = update.responseMetadata().requestId();
            ImageSets.awaitUnlocked(client, ds, id);
            RawHttp.Response revert = plain(
                    server,
                    "POST",
                    "/datastore/" + ds + "/imageSet/" + id + "/updateImageSetMetadata?latestVersion=2",
                    withJson(bearer),
                    "{\"revertToVersionId\":\"1\"}");
            assertThat(revert.status()).as(revert.json().toString()).isEqualTo(200);
            ImageSets.awaitUnlocked(client, ds, id);

            JsonNode history = plain(server, "GET", "/_openahi/history/datastore/" + ds + "/imageSet/" + id, bearer)
                    .json();
            assertThat(history.path("versions").size()).isEqualTo(2);
            JsonNode second = history.path("versions").get(0);
            assertThat(second.path("versionId").asText()).isEqualTo("2");
            assertThat(second.path("action").asText()).isEqualTo("UpdateImageSetMetadata");
            assertThat(second.path("requestId").asText()).isEqualTo(updateRequestId);
            assertThat(second.path("principalArn").asText()).endsWith(":root");
            JsonNode third = history.path("versions").get(1);
            assertThat(third.path("versionId").asText()).isEqualTo("3");
            assertThat(third.path("requestId").asText()).isEqualTo(revert.header("x-amzn-RequestId"));

            assertThat(plain(server, "DELETE", "/_openahi/session", bearer).status())
                    .isEqualTo(200);
            RawHttp.Response afterSignOut = plain(server, "GET", "/datastore", bearer);
            assertThat(afterSignOut.status()).isEqualTo(403);
            assertThat(afterSignOut.errorType()).isEqualTo("ExpiredTokenException");
        }
    }

    @Test
    void aSessionCookieGivenOverHttpsThroughATrustedProxyIsSecure() {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_TRUST_PROXY_HEADERS", "true"))) {
            RawHttp.Response signIn = new RawHttp.Request(server)
                    .method("POST")
                    .path("/_openahi/session")
                    .header("X-Forwarded-Proto", "https")
                    .send(server);
            assertThat(signIn.status()).isEqualTo(200);
            assertThat(signIn.header("Set-Cookie")).contains("HttpOnly", "SameSite=Strict", "Secure");
            String token = signIn.json().path("token").asText();

            RawHttp.Response signOut = plain(
                    server,
                    "DELETE",
                    "/_openahi/session",
                    Map.of("Authorization", "Bearer " + token, "Forwarded", "for=192.0.2.60;proto=https"));
            assertThat(signOut.status()).isEqualTo(200);
            assertThat(signOut.header("Set-Cookie")).contains("Max-Age=0", "Secure");

            RawHttp.Response plainHttp = new RawHttp.Request(server)
                    .method("POST")
                    .path("/_openahi/session")
                    .header("X-Forwarded-Proto", "http")
                    .send(server);
            assertThat(plainHttp.header("Set-Cookie")).doesNotContain("Secure");
        }
    }

    private static RawHttp.Response preflight(TestServer server, String origin, String method, String headers) {
        return plain(
                server,
                "OPTIONS",
                "/datastore",
                Map.of(
                        "Origin",
                        origin,
                        "Access-Control-Request-Method",
                        method,
                        "Access-Control-Request-Headers",
                        headers));
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }

    private static RawHttp.Response plain(
            TestServer server, String method, String target, Map<String, String> headers) {
        return plain(server, method, target, headers, "");
    }

    private static RawHttp.Response plain(
            TestServer server, String method, String target, Map<String, String> headers, String body) {
        return RawHttp.send(server.port(), method, target, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
