package org.openahi.server.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openahi.core.events.EventDeliveryWork;
import org.openahi.core.events.OutboxEvent;

/**
 * POSTs each event's JSON to a webhook, signed: {@value #SIGNATURE} is {@code sha256=} and the lower-case hex
 * HMAC-SHA256 of the body's bytes under the webhook's secret; {@value #POSITION} is the event's position (what a
 * replay starts from). Any 2xx answer is acceptance; anything else, or no answer within the timeout, a failure.
 */
final class WebhookSender implements EventDeliveryWork.Receiver {
    static final String SIGNATURE = "X-Openahi-Signature";
    static final String POSITION = "X-Openahi-Event-Position";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final URI url;
    private final SecretKeySpec key;
    private final HttpClient client;

    WebhookSender(String name, URI url, String secret, HttpClient client) {
        this.name = name;
        this.url = url;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.client = client;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(OutboxEvent event) throws IOException {
        byte[] body = event.json().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(SIGNATURE, signature(body))
                .header(POSITION, Long.toString(event.position()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while sending event " + event.position() + " to " + url, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(url + " answered HTTP " + response.statusCode());
        }
    }

    String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
