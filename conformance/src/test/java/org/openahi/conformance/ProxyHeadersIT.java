package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openahi.testing.SharedCorpus;

/**
 * The URLs the server writes (STOW-RS and QIDO-RS RetrieveURL; WADO-RS bulk data URIs come from the same
 * {@code DicomWebUrls}) name the scheme and host a reverse proxy forwarded when the operator trusts its headers ({@code OPENAHI_TRUST_PROXY_HEADERS=true}), and
 * the Host the server was addressed by otherwise, whatever the client sends.
 */
class ProxyHeadersIT {
    private static final Path FILE = SharedCorpus.dicom("pydicom-data/emri_small.dcm");

    @Test
    void aTrustedProxysHeadersNameTheOriginOfEveryUrlWritten() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_TRUST_PROXY_HEADERS", "true"))) {
            String datastoreId = server.client()
                    .createDatastore(r -> r.datastoreName("behind-proxy"))
                    .datastoreId();

            List<String> stored = urls(store(
                    server,
                    datastoreId,
                    Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "archive.example.org, proxy.internal")));
            assertThat(stored).allMatch(url -> url.startsWith("https://archive.example.org/datastore/"));

            // Forwarded (RFC 7239) wins over X-Forwarded-*; its first element is the one nearest the client.
            Map<String, String> forwarded = Map.of(
                    "Forwarded",
                    "for=192.0.2.60;proto=https;host=\"pacs.example.org:8443\", for=10.0.0.1;proto=http",
                    "X-Forwarded-Host",
                    "ignored.example.org");
            List<String> series = urls(get(server, datastoreId, "/studies/" + studyUid() + "/series", forwarded));
            assertThat(series).allMatch(url -> url.startsWith("https://pacs.example.org:8443/datastore/"));
            List<String> searched = urls(get(server, datastoreId, "/studies", forwarded));
            assertThat(searched).allMatch(url -> url.startsWith("https://pacs.example.org:8443/datastore/"));

            // A value that is not a scheme or a host is not used.
            List<String> hostile = urls(get(
                    server,
                    datastoreId,
                    "/studies",
                    Map.of("X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "evil.example.org/path?")));
            assertThat(hostile).allMatch(url -> url.startsWith("http://localhost:" + server.port() + "/"));
        }
    }

    @Test
    void withoutTrustProxyHeadersAreIgnored() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE)) {
            String datastoreId = server.client()
                    .createDatastore(r -> r.datastoreName("not-behind-proxy"))
                    .datastoreId();
            Map<String, String> headers = Map.of(
                    "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "archive.example.org",
                    "Forwarded", "proto=https;host=pacs.example.org");
            String origin = "http://localhost:" + server.port() + "/datastore/";
            assertThat(urls(store(server, datastoreId, headers))).allMatch(url -> url.startsWith(origin));
            assertThat(urls(get(server, datastoreId, "/studies", headers))).allMatch(url -> url.startsWith(origin));
        }
    }

    private static String studyUid() throws Exception {
        return org.openahi.dicom.io.DicomReader.read(FILE)
                .dataset()
                .getString(org.openahi.dicom.dict.Tag.StudyInstanceUID);
    }

    private static JsonNode store(TestServer server, String datastoreId, Map<String, String> headers) throws Exception {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies")
                .header("Content-Type", Multipart.DICOM)
                .header("Accept", "application/dicom+json");
        headers.forEach(request::header);
        request.body = Multipart.dicomParts(List.of(FILE));
        RawHttp.Response response = request.send(server);
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.json();
    }

    private static JsonNode get(TestServer server, String datastoreId, String path, Map<String, String> headers) {
        RawHttp.Request request = new RawHttp.Request(server)
                .path("/datastore/" + datastoreId + path)
                .header("Accept", "application/dicom+json");
        headers.forEach(request::header);
        RawHttp.Response response = request.send(server);
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.json();
    }

    /** Every RetrieveURL (0008,1190) and BulkDataURI in a DICOM JSON answer, at any depth; there is one at least. */
    private static List<String> urls(JsonNode json) {
        List<String> found = new ArrayList<>();
        collect(json, found);
        assertThat(found).as("URLs in %s", json).isNotEmpty();
        return found;
    }

    private static void collect(JsonNode node, List<String> found) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("BulkDataURI")) {
                    found.add(field.getValue().asText());
                } else if (field.getKey().equals("00081190")) {
                    field.getValue().path("Value").forEach(value -> found.add(value.asText()));
                } else {
                    collect(field.getValue(), found);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, found));
        }
    }
}
