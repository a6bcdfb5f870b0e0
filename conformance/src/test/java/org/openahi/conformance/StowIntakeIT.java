package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openahi.testing.SharedCorpus;

/**
 * What a STOW-RS request must get past before its body is written to disk: headers that could be those of an
 * authenticated request (Authorization present and well formed, a known key, date and scope, the signature itself when
 * the payload hash is declared, a bearer token), and room among the bodies being spooled. Each refusal here is
 * answered while the client has sent nothing but its headers; a server that read the body first would keep waiting
 * for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StowIntakeIT {
    private static final String BEARER = "intake-token";
    private static final long DECLARED = 300L * 1024 * 1024;

    private TestServer server;
    private String datastoreId;
    private byte[] instance;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_DICOMWEB_BEARER_TOKEN", BEARER));
        datastoreId =
                server.client().createDatastore(r -> r.datastoreName("intake")).datastoreId();
        try (Stream<Path> listing = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01))) {
            instance = Files.readAllBytes(listing.sorted().findFirst().orElseThrow());
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aRequestWithoutAuthorizationIsRefusedBeforeItsBodyIsRead() throws Exception {
        Head answer = headersOnly(server.port(), Map.of("Content-Type", "application/dicom"), DECLARED);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.headers().get("x-amzn-errortype")).startsWith("MissingAuthenticationTokenException");
    }

    @Test
    void anUnknownAccessKeyOrAMalformedAuthorizationIsRefusedBeforeTheBody() throws Exception {
        RawHttp.Request unknown = stow(instance);
        unknown.accessKeyId = "AKIDUNKNOWN";
        assertThat(headersOnly(server.port(), signedHeaders(unknown), DECLARED).status())
                .isEqualTo(403);
        Map<String, String> malformed = Map.of(
                "Content-Type",
                "application/dicom",
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=conformance-key/20240101");
        Head answer = headersOnly(server.port(), malformed, DECLARED);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.headers().get("x-amzn-errortype")).startsWith("IncompleteSignatureException");
    }

    @Test
    void aSignatureOverADeclaredPayloadHashIsCheckedBeforeTheBody() throws Exception {
        RawHttp.Request wrongSecret = stow(instance);
        wrongSecret.header("X-Amz-Content-SHA256", sha256(instance));
        wrongSecret.secret = "not-the-secret";
        Head answer = headersOnly(server.port(), signedHeaders(wrongSecret), instance.length);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.headers().get("x-amzn-errortype")).startsWith("InvalidSignatureException");
    }

    @Test
    void aWrongBearerTokenIsRefusedBeforeTheBody() throws Exception {
        Head answer = headersOnly(
                server.port(),
                Map.of("Content-Type", "application/dicom", "Authorization", "Bearer not-" + BEARER),
                DECLARED);
        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void aBodyOtherThanTheDeclaredHashIsRefusedAndLeavesNothing() throws Exception {
        RawHttp.Request request = stow(instance);
        request.header("X-Amz-Content-SHA256", sha256(instance));
        Map<String, String> headers = signedHeaders(request);
        byte[] other = instance.clone();
        other[other.length - 1] ^= 1;
        RawHttp.Response response = RawHttp.send(server.port(), "POST", request.path, headers, other);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.message()).contains("x-amz-content-sha256");
        assertThat(server
                        .client()
                        .searchImageSetsPaginator(r -> r.datastoreId(datastoreId))
                        .imageSetsMetadataSummaries()
                        .stream()
                        .toList())
                .isEmpty();
        RawHttp.Response declaredAndRight = RawHttp.send(server.port(), "POST", request.path, headers, instance);
        assertThat(declaredAndRight.status()).isEqualTo(200);
    }

    @Test
    void bodiesBeyondTheSpoolingRoomAreRefusedWith503UntilThereIsRoom() throws Exception {
        // Larger than a body held in memory: the spool file that appears shows the held request has taken its room.
        byte[] large = Files.readAllBytes(SharedCorpus.dicom("pydicom-data/MR2_UNCR.dcm"));
        try (TestServer small = TestServer.start(
                Backend.SQLITE,
                Map.of(
                        "OPENAHI_STOW_MAX_CONCURRENT",
                        "1",
                        "OPENAHI_STOW_SPOOL_BYTES",
                        Long.toString(large.length * 2L)))) {
            String datastore =
                    small.client().createDatastore(r -> r.datastoreName("room")).datastoreId();
            byte[] threeInstances = new byte[large.length * 3];
            RawHttp.Request tooLarge = new RawHttp.Request(small)
                    .method("POST")
                    .path("/datastore/" + datastore + "/studies")
                    .header("Content-Type", "application/dicom")
                    .header("X-Amz-Content-SHA256", sha256(threeInstances));
            tooLarge.body = threeInstances;
            Head refused = headersOnly(small.port(), tooLarge.path, signedHeaders(tooLarge), threeInstances.length);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().get("retry-after")).isEqualTo("1");

            RawHttp.Request first = new RawHttp.Request(small)
                    .method("POST")
                    .path("/datastore/" + datastore + "/studies")
                    .header("Content-Type", "application/dicom")
                    .header("Accept", "application/dicom+json")
                    .header("X-Amz-Content-SHA256", sha256(large));
            first.body = large;
            List<Path> spooledBefore = spooledBodies(small);
            try (Socket held = new Socket("127.0.0.1", small.port())) {
                OutputStream out = held.getOutputStream();
                out.write(head("POST", first.path, signedHeaders(first), large.length));
                out.write(large, 0, large.length / 2);
                out.flush();
                awaitNewSpool(small, spooledBefore);
                RawHttp.Request second = new RawHttp.Request(small)
                        .method("POST")
                        .path("/datastore/" + datastore + "/studies")
                        .header("Content-Type", "application/dicom")
                        .header("Accept", "application/dicom+json");
                second.body = instance; // refused from its headers: a large body would break the pipe
                RawHttp.Response busy = second.send(small);
                assertThat(busy.status()).isEqualTo(503);
                assertThat(busy.header("retry-after")).isEqualTo("1");

                out.write(large, large.length / 2, large.length - large.length / 2);
                out.flush();
                assertThat(readHead(held.getInputStream()).status()).isEqualTo(200);
            }
            RawHttp.Request again = new RawHttp.Request(small)
                    .method("POST")
                    .path("/datastore/" + datastore + "/studies")
                    .header("Content-Type", "application/dicom")
                    .header("Accept", "application/dicom+json");
            again.body = large;
            assertThat(again.send(small).status()).isEqualTo(200);
        }
    }

    private RawHttp.Request stow(byte[] body) {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies")
                .header("Content-Type", "application/dicom")
                .header("Accept", "application/dicom+json");
        request.body = body;
        return request;
    }

    private static Map<String, String> signedHeaders(RawHttp.Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.signedHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    private record Head(int status, Map<String, String> headers) {}

    /** Sends a request's headers declaring {@code contentLength} body bytes, none of them, and reads the answer's head. */
    private Head headersOnly(int port, Map<String, String> headers, long contentLength) throws IOException {
        return headersOnly(port, "/datastore/" + datastoreId + "/studies", headers, contentLength);
    }

    private static Head headersOnly(int port, String path, Map<String, String> headers, long contentLength)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head("POST", path, headers, contentLength));
            socket.getOutputStream().flush();
            return readHead(socket.getInputStream());
        }
    }

    private static byte[] head(String method, String target, Map<String, String> headers, long contentLength) {
        StringBuilder head =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("host"))) {
            head.append("Host: localhost\r\n");
        }
        head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The connection closed before a response: " + bytes);
            }
            bytes.write(b);
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Head(Integer.parseInt(lines[0].split(" ")[1]), headers);
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    private static List<Path> spooledBodies(TestServer server) throws IOException {
        try (Stream<Path> listing = Files.list(server.dataDirectory().path().resolve("spool/stow"))) {
            return listing.toList();
        }
    }

    /** Waits until the server has started spooling a body (its spool file appeared). */
    private static void awaitNewSpool(TestServer server, List<Path> before) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (before.containsAll(spooledBodies(server)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(spooledBodies(server))
                .as("a body being spooled")
                .isNotEmpty()
                .isNotEqualTo(before);
    }
}
