package org.openahi.server.events;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.openahi.core.events.EventDelivery;
import org.openahi.core.store.MetadataStore;
import org.openahi.server.config.ServerConfig;

/** The event delivery to the configured webhooks, over one HTTP client. */
public final class Webhooks {
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private Webhooks() {
  }

  public static EventDelivery delivery(ServerConfig.Events config, MetadataStore store, Clock clock, Duration lease,
                                       Duration pollInterval) {
    // The client (and its selector thread) exists only when there is a webhook: start-up stays as it was without.
    List<EventDelivery.Receiver> receivers = List.of();
    if (!config.webhooks().isEmpty()) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER).build();
      receivers = config.webhooks().values().stream()
          .<EventDelivery.Receiver>map(webhook -> new WebhookSender(webhook.name(), webhook.url(), webhook.secret(),
              client))
          .toList();
    }
    return new EventDelivery(store, receivers, clock, new EventDelivery.Settings(lease, pollInterval, FIRST_RETRY,
        Duration.ofSeconds(config.retryMaxSeconds()), Duration.ofHours(config.retentionHours())));
  }
}
