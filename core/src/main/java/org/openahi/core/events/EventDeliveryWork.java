package org.openahi.core.events;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.store.Messages;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Checkpoints;
import org.openahi.core.work.FailureCode;
import org.openahi.core.work.Lease;
import org.openahi.core.work.LeasedWork;
import org.openahi.core.work.LeasedWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's events to each receiver in position order, at least once, as leased background work
 * ({@link LeasedWorkers} runs it; an item is a receiver's cursor): a receiver's cursor moves past an event only once
 * the receiver accepted it, and the next event waits while one fails, tried again with back-off (so events reach a
 * receiver in the order their changes were committed, per resource and overall). One node delivers to a receiver at
 * a time and a dead node's receivers are taken over; everything lives in the metadata store, so a restart loses
 * nothing. A cursor never ends and is never given up: its failures only delay it.
 */
public final class EventDeliveryWork implements LeasedWork<String, DeliveryCursor> {
    private static final Logger LOG = LoggerFactory.getLogger(EventDeliveryWork.class);
    private static final int BATCH = 100;

    /** Where events go: a webhook, by its configured name. */
    public interface Receiver {
        String name();

        /** Hands one event over; returns when the receiver accepted it, throws when it did not. */
        void send(OutboxEvent event) throws IOException;
    }

    /**
     * The first retry's delay, doubled on each failure up to {@code maxRetry}; how long delivered events are kept for
     * replays.
     */
    public record Settings(Duration firstRetry, Duration maxRetry, Duration retention) {}

    private final MetadataStore store;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final Clock clock;
    private final Settings settings;
    /** Set when the server stops: a delivery in progress ends after the event it is sending. */
    private volatile boolean stopping;

    public EventDeliveryWork(MetadataStore store, List<Receiver> receivers, Clock clock, Settings settings) {
        this.store = store;
        receivers.forEach(receiver -> this.receivers.put(receiver.name(), receiver));
        this.clock = clock;
        this.settings = settings;
    }

    /** Receivers delivered to at once: all of them (at least one worker, so the runner can be built without any). */
    public int parallelism() {
        return Math.max(1, receivers.size());
    }

    /**
     * Gives each receiver a cursor (a new one starts after the last event recorded so far), forgets those of
     * receivers no longer configured and makes every cursor due now (a restart retries at once); run before the
     * runner starts.
     */
    public void openCursors() {
        Instant now = clock.instant();
        store.write(tx -> {
            tx.events().retainCursors(receivers.keySet());
            long last = tx.events().lastPosition();
            receivers.keySet().forEach(webhook -> tx.events().addCursor(webhook, last, now));
            tx.events().dueAll(now);
            return null;
        });
    }

    /** Deletes events older than the retention that every webhook has received. */
    public void prune() {
        int pruned = store.write(tx -> tx.events().prune(clock.instant().minus(settings.retention())));
        if (pruned > 0) {
            LOG.info("Pruned {} delivered events older than {}", pruned, settings.retention());
        }
    }

    /** Ends deliveries in progress after the event each is sending (the server stops). */
    public void stop() {
        stopping = true;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public List<String> unclaimed(Transaction tx, Instant now, int limit) {
        return tx.events().dueCursors(receivers.keySet(), now, limit);
    }

    /** A cursor runs again after every run; it only has to be a configured receiver's. */
    @Override
    public boolean started(Transaction tx, String webhook) {
        return receivers.containsKey(webhook) && tx.events().cursor(webhook).isPresent();
    }

    @Override
    public String leaseKey(String webhook) {
        return webhook;
    }

    @Override
    public String key(String leaseKey) {
        return leaseKey;
    }

    @Override
    public Optional<DeliveryCursor> find(Transaction tx, String webhook) {
        return tx.events().cursor(webhook);
    }

    /** Never given up: a receiver's failures are counted in its cursor and only delay the next attempt. */
    @Override
    public int attempts(DeliveryCursor cursor) {
        return 0;
    }

    /**
     * Runs while this node holds the webhook's cursor: sends its events in order until none is left or one fails; the
     * runner releases the cursor after it.
     */
    @Override
    public void run(DeliveryCursor claimed, Lease lease) {
        String webhook = claimed.webhook();
        Receiver receiver = receivers.get(webhook);
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            Optional<DeliveryCursor> found = store.read(tx -> tx.events().cursor(webhook));
            if (found.isEmpty()) {
                return;
            }
            DeliveryCursor cursor = found.get();
            List<OutboxEvent> batch = store.read(tx -> tx.events().after(cursor.deliveredPosition(), BATCH));
            if (batch.isEmpty()) {
                return;
            }
            long from = cursor.deliveredPosition();
            for (OutboxEvent event : batch) {
                try {
                    receiver.send(event);
                    Checkpoints.reach("event-delivery.sent");
                } catch (IOException | RuntimeException e) {
                    failed(cursor, lease, from == cursor.deliveredPosition() ? cursor.attempts() + 1 : 1, event, e);
                    return;
                }
                long previous = from;
                boolean advanced = store.write(tx -> {
                    lease.check(tx);
                    return tx.events().advance(webhook, previous, event.position());
                });
                if (!advanced || stopping) {
                    break; // the cursor was moved (a replay): read it again; or the server stops
                }
                from = event.position();
            }
        }
    }

    private void failed(DeliveryCursor cursor, Lease lease, int attempts, OutboxEvent event, Exception e) {
        Duration delay = backoff(attempts);
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warn(
                "Webhook {} did not accept event {} ({}), attempt {}; next attempt in {} s",
                cursor.webhook(),
                event.position(),
                error,
                attempts,
                delay.toSeconds());
        store.write(tx -> {
            lease.check(tx);
            tx.events().failed(cursor.webhook(), attempts, clock.instant().plus(delay), Messages.fit(error));
            return null;
        });
    }

    /** The first retry's delay, doubled on each further failure, at most the maximum. */
    Duration backoff(int attempts) {
        Duration delay = settings.firstRetry();
        for (int i = 1; i < attempts && delay.compareTo(settings.maxRetry()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : delay;
    }

    /** A delivery that failed on a server fault (not the receiver's): logged; the next poll takes the cursor again. */
    @Override
    public void fail(DeliveryCursor cursor, Lease lease, String message) {
        LOG.warn("Delivery to webhook {} stopped: {}", cursor.webhook(), message);
    }

    @Override
    public String givenUp(int maxAttempts) {
        throw new IllegalStateException("An event delivery is never given up");
    }

    @Override
    public String serverError(String webhook, Exception e) {
        return FailureCode.INTERNAL_ERROR.message("delivery to webhook " + webhook + " failed on a server error ("
                + e.getClass().getSimpleName() + "); see the server log");
    }

    /** A cursor never ends; its runs write no blobs, so there is nothing to clean up after them. */
    @Override
    public boolean ended(Transaction tx, String webhook) {
        return false;
    }

    @Override
    public String workId(String webhook) {
        return "events-" + webhook;
    }
}
