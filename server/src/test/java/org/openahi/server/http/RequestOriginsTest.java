package org.openahi.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestOriginsTest {
    private static final RequestOrigins TRUSTING = new RequestOrigins(true);
    private static final RequestOrigins IGNORING = new RequestOrigins(false);

    @Test
    void withoutTrustOnlyTheHostHeaderCounts() {
        RawRequest request = request(Map.of(
                "host", "localhost:8080",
                "x-forwarded-proto", "https",
                "x-forwarded-host", "archive.example.org",
                "forwarded", "proto=https;host=pacs.example.org"));
        assertThat(IGNORING.origin(request)).isEqualTo("http://localhost:8080");
    }

    @Test
    void xForwardedHeadersNameSchemeAndHostTheirFirstValues() {
        RawRequest request = request(Map.of(
                "host", "10.0.0.5:8080",
                "x-forwarded-proto", "HTTPS, http",
                "x-forwarded-host", "archive.example.org, 10.0.0.5:8080"));
        assertThat(TRUSTING.origin(request)).isEqualTo("https://archive.example.org");
    }

    @Test
    void forwardedWinsAndItsFirstElementCounts() {
        RawRequest request = request(Map.of(
                "host", "10.0.0.5:8080",
                "x-forwarded-host", "other.example.org",
                "forwarded", "for=192.0.2.60;Proto=https;host=\"[2001:db8::1]:8443\", proto=http;host=inner"));
        assertThat(TRUSTING.origin(request)).isEqualTo("https://[2001:db8::1]:8443");
    }

    @Test
    void aForwardedHeaderWithoutHostKeepsTheHostHeader() {
        RawRequest request = request(Map.of("host", "archive.example.org", "forwarded", "for=192.0.2.60;proto=https"));
        assertThat(TRUSTING.origin(request)).isEqualTo("https://archive.example.org");
    }

    @Test
    void valuesThatAreNoSchemeOrHostAreNotUsed() {
        RawRequest request = request(Map.of(
                "host", "localhost:8080",
                "x-forwarded-proto", "javascript",
                "x-forwarded-host", "evil.example.org/x?y"));
        assertThat(TRUSTING.origin(request)).isEqualTo("http://localhost:8080");
        assertThat(TRUSTING.origin(request(Map.of("host", "a b")))).isEqualTo("http://localhost");
        assertThat(TRUSTING.origin(request(Map.of()))).isEqualTo("http://localhost");
    }

    private static RawRequest request(Map<String, String> headers) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        headers.forEach((name, value) -> values.put(name, List.of(value)));
        return new RawRequest("GET", "/", "", values::get, new byte[0]);
    }
}
