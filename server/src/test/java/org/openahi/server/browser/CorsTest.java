package org.openahi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorsTest {
    private final Cors cors = new Cors(List.of("https://viewer.example.org", "http://localhost:3000"));

    @Test
    void preflightsOfAllowedOriginsEchoTheHeadersTheyMaySend() {
        var answer = cors.preflight(
                        "https://viewer.example.org",
                        "POST",
                        "Authorization, X-Amz-Date, x-amz-security-token, content-type, amz-sdk-invocation-id")
                .orElseThrow();
        assertThat(answer)
                .containsEntry("Access-Control-Allow-Origin", "https://viewer.example.org")
                .containsEntry(
                        "Access-Control-Allow-Headers",
                        "authorization, x-amz-date, x-amz-security-token, content-type, amz-sdk-invocation-id")
                .containsEntry("Vary", "Origin")
                .containsKey("Access-Control-Max-Age");
        assertThat(cors.preflight("HTTP://LOCALHOST:3000", "GET", null)).isPresent();
    }

    @Test
    void otherOriginsMethodsAndHeadersAreRefused() {
        assertThat(cors.preflight("https://evil.example.org", "GET", null)).isEmpty();
        assertThat(cors.preflight("https://viewer.example.org", "PATCH", null)).isEmpty();
        assertThat(cors.preflight("https://viewer.example.org", "GET", "authorization, cookie"))
                .isEmpty();
        assertThat(cors.responseHeaders("https://evil.example.org")).isEmpty();
        assertThat(cors.responseHeaders(null)).isEmpty();
        assertThat(new Cors(List.of()).preflight("https://viewer.example.org", "GET", null))
                .isEmpty();
    }

    @Test
    void responsesExposeWhatSdksRead() {
        assertThat(cors.responseHeaders("http://localhost:3000").get("Access-Control-Expose-Headers"))
                .contains("ETag", "x-amzn-RequestId", "Content-Type");
        assertThat(new Cors(List.of("*")).allows("https://anything.example")).isTrue();
    }

    @Test
    void configuredOriginsMustBeOrigins() {
        assertThat(Cors.problems(List.of("https://a.example", "*", "http://[::1]:8080")))
                .isEmpty();
        assertThat(Cors.problems(List.of("a.example", "https://a.example/path")))
                .hasSize(2);
    }
}
