package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Events survive a SIGKILL: a server killed after a webhook accepted an event but before its cursor moved past it
 * sends that event again after the restart (at least once, same id), then the events recorded while it was held,
 * in order; nothing is lost.
 */
class EventCrashIT {
    private static final String SECRET = "crash-secret";

    @TempDir
    Path work;

    @Test
    void anEventAcceptedButNotRecordedAsDeliveredIsSentAgainAfterAKill() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET);
                ServerProcess server = new ServerProcess(
                        Map.of(
                                "OPENAHI_DATA_DIR",
                                work.resolve("data").toString(),
                                "OPENAHI_LEASE_SECONDS",
                                "3",
                                "OPENAHI_EVENT_WEBHOOKS",
                                "crash=" + receiver.url(),
                                "OPENAHI_EVENT_WEBHOOK_SECRETS",
                                "crash=" + SECRET),
                        work.resolve("server.log"))) {
            // The first event goes through; the server is held once the webhook accepted the second.
            server.startPausingAt("event-delivery.sent", 1);
            String datastoreId;
            try (MedicalImagingClient client = server.client()) {
                datastoreId =
                        client.createDatastore(r -> r.datastoreName("crash")).datastoreId();
                server.awaitPaused();
                client.deleteDatastore(r -> r.datastoreId(datastoreId));
            }
            assertThat(receiver.accepted())
                    .extracting(EventWebhooksIT::summary)
                    .containsExactly("Data Store Creating " + datastoreId, "Data Store Created " + datastoreId);
            server.kill();
            server.start();
            EventWebhooksIT.await(
                    "the events after the kill", () -> receiver.accepted().size() >= 5);

            List<JsonNode> received = receiver.accepted();
            assertThat(received)
                    .extracting(EventWebhooksIT::summary)
                    .containsExactly(
                            "Data Store Creating " + datastoreId,
                            "Data Store Created " + datastoreId,
                            "Data Store Created " + datastoreId,
                            "Data Store Deleting " + datastoreId,
                            "Data Store Deleted " + datastoreId);
            assertThat(received.get(2).path("id").asText())
                    .as("the same event, sent again")
                    .isEqualTo(received.get(1).path("id").asText());
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            received.forEach(event -> byId.putIfAbsent(event.path("id").asText(), event));
            assertThat(byId).hasSize(4);
            assertThat(receiver.deliveries).allSatisfy(WebhookReceiver.Delivery::assertSigned);
            assertThat(receiver.deliveries)
                    .extracting(WebhookReceiver.Delivery::position)
                    .containsExactly(1L, 2L, 2L, 3L, 4L);
        }
    }
}
