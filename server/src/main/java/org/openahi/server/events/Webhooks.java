package org.openahi.server.events;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.openahi.core.events.EventDeliveryWork;
import org.openahi.server.config.ServerConfig;

/** The configured webhooks as the event delivery's receivers, over one HTTP client. */
public final class Webhooks {
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private Webhooks() {}

    public static List<EventDeliveryWork.Receiver> receivers(ServerConfig.Events config) {
        // The client (and its selector thread) exists only when there is a webhook: start-up stays as it was without.
        if (config.webhooks().isEmpty()) {
            return List.of();
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return config.webhooks().values().stream()
                .<EventDeliveryWork.Receiver>map(
                        webhook -> new WebhookSender(webhook.name(), webhook.url(), webhook.secret(), client))
                .toList();
    }

    /** Retries from a second, doubling up to the configured maximum; delivered events kept as configured. */
    public static EventDeliveryWork.Settings settings(ServerConfig.Events config) {
        return new EventDeliveryWork.Settings(
                FIRST_RETRY, Duration.ofSeconds(config.retryMaxSeconds()), Duration.ofHours(config.retentionHours()));
    }
}
