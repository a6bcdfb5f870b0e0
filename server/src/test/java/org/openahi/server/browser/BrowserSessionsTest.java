package org.openahi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.openahi.server.http.RawRequest;

class BrowserSessionsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final BrowserSessions sessions = new BrowserSessions(Duration.ofMinutes(10), clock);

    @Test
    void aTokenStandsForItsAccessKeyUntilItExpires() {
        BrowserSessions.Issued issued = sessions.issue("key", "arn:aws:iam::000000000000:root");
        assertThat(issued.token()).startsWith("oas_").hasSizeGreaterThan(40);
        assertThat(sessions.accessKeyId(request("GET", Map.of("authorization", "Bearer " + issued.token())), false))
                .contains("key");
        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertThat(sessions.find(issued.token())).isEmpty();
        assertThatThrownBy(() -> sessions.accessKeyId(
                        request("GET", Map.of("authorization", "Bearer " + issued.token())), false))
                .isInstanceOf(BrowserSessions.SessionRejected.class);
    }

    @Test
    void theCookieCountsOnlyForReadsWhereAllowed() {
        String token = sessions.issue("key", "arn").token();
        Map<String, String> cookie = Map.of("cookie", "a=b; openahi_session=" + token);
        assertThat(sessions.accessKeyId(request("GET", cookie), true)).contains("key");
        assertThat(sessions.accessKeyId(request("HEAD", cookie), true)).contains("key");
        assertThat(sessions.accessKeyId(request("POST", cookie), true)).isEmpty();
        assertThat(sessions.accessKeyId(request("GET", cookie), false)).isEmpty();
    }

    @Test
    void otherBearerTokensAndSignedOutSessionsAreNotSessions() {
        String token = sessions.issue("key", "arn").token();
        assertThat(sessions.accessKeyId(request("GET", Map.of("authorization", "Bearer eyJhbGciOi.x.y")), false))
                .isEmpty();
        assertThat(sessions.accessKeyId(
                        request("GET", Map.of("authorization", "AWS4-HMAC-SHA256 Credential=x")), false))
                .isEmpty();
        sessions.revoke(token);
        assertThat(sessions.find(token)).isEmpty();
        assertThat(sessions.find("oas_made-up")).isEmpty();
    }

    private static RawRequest request(String method, Map<String, String> headers) {
        return new RawRequest(
                method,
                "/datastore",
                null,
                name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of(),
                new byte[0]);
    }
}
