package org.openahi.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
    /** RFC 4231, test case 2: key "Jefe". */
    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        WebhookSender sender =
                new WebhookSender("w", URI.create("http://localhost/"), "Jefe", HttpClient.newHttpClient());
        assertThat(sender.signature("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
