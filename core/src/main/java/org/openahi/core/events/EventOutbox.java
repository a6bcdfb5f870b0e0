package org.openahi.core.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Storage port for the events a change reports, written in the transaction that makes the change (an outbox), and
 * for each webhook's delivery cursor; called inside a {@link org.openahi.core.store.MetadataStore} transaction.
 */
public interface EventOutbox {

    /**
     * Appends an event; returns its position, one more than the last position ever given. Two transactions appending
     * at once are serialized, so a reader never sees a position before every smaller one is committed.
     */
    long append(String detailType, String resourceArn, String json, Instant recordedAt);

    /** Events after {@code position}, in position order, at most {@code limit}. */
    List<OutboxEvent> after(long position, int limit);

    /** The last position given (0 before the first event); pruning does not lower it. */
    long lastPosition();

    /** Creates the webhook's cursor at {@code deliveredPosition} unless it has one. */
    void addCursor(String webhook, long deliveredPosition, Instant nextAttemptAt);

    Optional<DeliveryCursor> cursor(String webhook);

    /** Deletes the cursors of webhooks that are not {@code kept} (no longer configured). */
    void retainCursors(Collection<String> kept);

    /**
     * Webhooks (of {@code among}) with events after their cursor and due ({@code nextAttemptAt} not after
     * {@code now}), whether or not a runner holds them.
     */
    List<String> dueCursors(Collection<String> among, Instant now, int limit);

    /**
     * Records that the webhook accepted every event up to {@code to}, attempts and last error cleared, if its cursor
     * is still at {@code from}; false when it was moved meanwhile (a replay).
     */
    boolean advance(String webhook, long from, long to);

    /** Records a failed attempt at the next event: the count, when to try again and why it failed. */
    void failed(String webhook, int attempts, Instant nextAttemptAt, String error);

    /** Moves the cursor to {@code deliveredPosition} (a replay), due at {@code nextAttemptAt}, attempts cleared. */
    void moveCursor(String webhook, long deliveredPosition, Instant nextAttemptAt);

    /** Makes every cursor due at {@code now} (a restart retries at once). */
    void dueAll(Instant now);

    /**
     * Deletes events recorded before {@code before} that every cursor has passed; returns how many. Positions keep
     * counting from the last one given.
     */
    int prune(Instant before);
}
