package org.openahi.core.events;

import java.time.Clock;
import java.util.List;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.error.NotFound;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the event delivery stands and replays (docs/events.md): the last event's position, each webhook's cursor,
 * and moving a cursor back so a webhook gets kept events again. The delivery itself is {@link EventDeliveryWork}.
 */
public final class EventDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private final MetadataStore store;
    private final List<String> webhooks;
    private final Clock clock;
    private final Runnable onMoved;

    /**
     * @param webhooks the configured webhooks' names
     * @param onMoved told after a cursor was moved, so the delivery takes it up at once
     */
    public EventDelivery(MetadataStore store, List<String> webhooks, Clock clock, Runnable onMoved) {
        this.store = store;
        this.webhooks = List.copyOf(webhooks);
        this.clock = clock;
        this.onMoved = onMoved;
    }

    /** The configured webhooks' names. */
    public List<String> webhooks() {
        return webhooks;
    }

    /** Where a webhook stands. */
    public DeliveryCursor cursor(String webhook) {
        requireWebhook(webhook);
        return store.read(tx -> tx.events().cursor(webhook))
                .orElseThrow(() -> new NotFound(
                        "Webhook " + webhook + " has no delivery cursor yet; the server starts it at start-up"));
    }

    /** The position of the last event recorded. */
    public long lastPosition() {
        return store.read(tx -> tx.events().lastPosition());
    }

    /**
     * Delivers the webhook's events again from {@code fromPosition} (every event kept at or after it, in order);
     * returns the cursor as moved.
     */
    public DeliveryCursor replay(String webhook, long fromPosition) {
        requireWebhook(webhook);
        if (fromPosition < 1) {
            throw new InvalidRequest("fromPosition must be 1 or more, got " + fromPosition);
        }
        DeliveryCursor moved = store.write(tx -> {
            long last = tx.events().lastPosition();
            if (fromPosition > last + 1) {
                throw new InvalidRequest("fromPosition " + fromPosition + " is after the last event, " + last);
            }
            tx.events().moveCursor(webhook, fromPosition - 1, clock.instant());
            return tx.events().cursor(webhook).orElseThrow();
        });
        LOG.info("Webhook {} replays events from position {}", webhook, fromPosition);
        onMoved.run();
        return moved;
    }

    private void requireWebhook(String webhook) {
        if (!webhooks.contains(webhook)) {
            throw new NotFound(
                    "No webhook named " + webhook + " is configured (OPENAHI_EVENT_WEBHOOKS); configured: " + webhooks);
        }
    }
}
