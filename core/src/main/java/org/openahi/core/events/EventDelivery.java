package org.openahi.core.events;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.error.NotFound;
import org.openahi.core.store.Messages;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Checkpoints;
import org.openahi.core.work.LeasedWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's events to each receiver in position order, at least once: a receiver's cursor moves past an
 * event only once the receiver accepted it, and the next event waits while one fails, tried again with back-off
 * (so events reach a receiver in the order their changes were committed, per resource and overall). Cursors are
 * leased through {@link LeasedWorkers}, so one node delivers to a receiver at a time and a dead node's receivers are
 * taken over; everything lives in the metadata store, so a restart loses nothing.
 */
public final class EventDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
  private static final int BATCH = 100;

  /** Where events go: a webhook, by its configured name. */
  public interface Receiver {
    String name();

    /** Hands one event over; returns when the receiver accepted it, throws when it did not. */
    void send(OutboxEvent event) throws IOException;
  }

  /**
   * Leases and polling as other background work; the first retry's delay, doubled on each failure up to
   * {@code maxRetry}; how long delivered events are kept for replays.
   */
  public record Settings(Duration lease, Duration pollInterval, Duration firstRetry, Duration maxRetry,
                         Duration retention) {
  }

  private final MetadataStore store;
  private final Map<String, Receiver> receivers = new LinkedHashMap<>();
  private final Clock clock;
  private final Settings settings;
  private final LeasedWorkers<String> workers;
  /** Set when the server stops: a delivery in progress ends after the event it is sending. */
  private volatile boolean closing;

  public EventDelivery(MetadataStore store, List<Receiver> receivers, Clock clock, Settings settings) {
    this.store = store;
    receivers.forEach(receiver -> this.receivers.put(receiver.name(), receiver));
    this.clock = clock;
    this.settings = settings;
    this.workers = new LeasedWorkers<>("events", store, new CursorQueue(), this::deliver, clock,
        new LeasedWorkers.Settings(Math.max(1, receivers.size()), settings.lease(), settings.pollInterval()));
  }

  private final class CursorQueue implements LeasedWorkers.Queue<String> {
    @Override
    public List<String> claimable(Transaction tx, Instant now, int limit) {
      return tx.events().claimableCursors(receivers.keySet(), now, limit);
    }

    @Override
    public boolean claim(Transaction tx, String webhook, String owner, Instant now, Instant leaseExpiresAt) {
      return tx.events().claimCursor(webhook, owner, now, leaseExpiresAt);
    }

    @Override
    public boolean renew(Transaction tx, String webhook, String owner, Instant leaseExpiresAt) {
      return tx.events().renewCursor(webhook, owner, leaseExpiresAt);
    }
  }

  /**
   * Gives each receiver a cursor (a new one starts after the last event recorded so far), forgets those of
   * receivers no longer configured, makes every cursor due now (a restart retries at once) and starts delivering.
   */
  public void start() {
    Instant now = clock.instant();
    store.write(tx -> {
      tx.events().retainCursors(receivers.keySet());
      long last = tx.events().lastPosition();
      receivers.keySet().forEach(webhook -> tx.events().addCursor(webhook, last, now));
      tx.events().dueAll(now);
      return null;
    });
    workers.start();
  }

  /** Looks for events to deliver now rather than at the next poll. */
  public void wake() {
    workers.wake();
  }

  /** Where a webhook stands. */
  public DeliveryCursor cursor(String webhook) {
    requireReceiver(webhook);
    return store.read(tx -> tx.events().cursor(webhook)).orElseThrow(
        () -> new NotFound("Webhook " + webhook + " has no delivery cursor yet; the server starts it at start-up"));
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
    requireReceiver(webhook);
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
    wake();
    return moved;
  }

  /** Deletes events older than the retention that every webhook has received. */
  public void prune() {
    int pruned = store.write(tx -> tx.events().prune(clock.instant().minus(settings.retention())));
    if (pruned > 0) {
      LOG.info("Pruned {} delivered events older than {}", pruned, settings.retention());
    }
  }

  private void requireReceiver(String webhook) {
    if (!receivers.containsKey(webhook)) {
      throw new NotFound("No webhook named " + webhook + " is configured (OPENAHI_EVENT_WEBHOOKS); configured: "
          + receivers.keySet());
    }
  }

  /** Runs while this node holds the webhook's cursor: sends its events in order until none is left or one fails. */
  private void deliver(String webhook) {
    Receiver receiver = receivers.get(webhook);
    try {
      while (!closing && !Thread.currentThread().isInterrupted()) {
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
            failed(cursor, from == cursor.deliveredPosition() ? cursor.attempts() + 1 : 1, event, e);
            return;
          }
          long previous = from;
          boolean advanced = store.write(tx -> tx.events().advance(webhook, previous, event.position()));
          if (!advanced || closing) {
            break; // the cursor was moved (a replay): read it again; or the server stops
          }
          from = event.position();
        }
      }
    } finally {
      store.write(tx -> {
        tx.events().releaseCursor(webhook);
        return null;
      });
    }
  }

  private void failed(DeliveryCursor cursor, int attempts, OutboxEvent event, Exception e) {
    Duration delay = backoff(attempts);
    String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    LOG.warn("Webhook {} did not accept event {} ({}), attempt {}; next attempt in {} s", cursor.webhook(),
        event.position(), error, attempts, delay.toSeconds());
    store.write(tx -> {
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

  @Override
  public void close() {
    closing = true;
    workers.close();
  }
}
