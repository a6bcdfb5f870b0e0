package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback, a real HTTP server in the test's JVM: answers 200 while accepting, 503 while
 * "down", and keeps every POST it got with its signature and position (docs/events.md).
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final AtomicBoolean accepting = new AtomicBoolean(true);
    final AtomicInteger refused = new AtomicInteger();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final HttpServer http;

    /** One POST the receiver got, and what it answered. */
    record Delivery(byte[] body, String signature, long position, int status, String secret) {
        JsonNode event() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void assertSigned() {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                assertThat(signature).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }
    }

    private WebhookReceiver(HttpServer http) {
        this.http = http;
    }

    static WebhookReceiver start(String secret) throws IOException {
        WebhookReceiver receiver =
                new WebhookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        receiver.http.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = receiver.accepting.get() ? 200 : 503;
            receiver.deliveries.add(new Delivery(
                    body,
                    exchange.getRequestHeaders().getFirst("X-Openahi-Signature"),
                    Long.parseLong(exchange.getRequestHeaders().getFirst("X-Openahi-Event-Position")),
                    status,
                    secret));
            if (status != 200) {
                receiver.refused.incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.http.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/events";
    }

    /** The events accepted, in the order they came. */
    List<JsonNode> accepted() {
        List<JsonNode> events = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.status() == 200) {
                events.add(delivery.event());
            }
        }
        return events;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
