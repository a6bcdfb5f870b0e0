package org.openahi.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.openahi.core.events.DeliveryCursor;
import org.openahi.core.events.EventOutbox;
import org.openahi.core.events.OutboxEvent;

/** Events in position order (appended last, so insertion order is position order) and the webhooks' cursors. */
final class MemoryEventOutbox implements EventOutbox {
    private final MemoryTables tables;

    MemoryEventOutbox(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public long append(String detailType, String resourceArn, String json, Instant recordedAt) {
        long position = tables.nextEventPosition();
        tables.insert(
                tables.events, position, new OutboxEvent(position, detailType, resourceArn, json, recordedAt), "event");
        return position;
    }

    @Override
    public List<OutboxEvent> after(long position, int limit) {
        return tables.events.values().stream()
                .filter(event -> event.position() > position)
                .limit(limit)
                .toList();
    }

    @Override
    public long lastPosition() {
        return tables.lastEventPosition();
    }

    @Override
    public void addCursor(String webhook, long deliveredPosition, Instant nextAttemptAt) {
        tables.writing(tables.cursors)
                .putIfAbsent(
                        webhook, new DeliveryCursor(webhook, deliveredPosition, 0, nextAttemptAt, Optional.empty()));
    }

    @Override
    public Optional<DeliveryCursor> cursor(String webhook) {
        return Optional.ofNullable(tables.cursors.get(webhook));
    }

    @Override
    public void retainCursors(Collection<String> kept) {
        Set<String> configured = Set.copyOf(kept);
        tables.writing(tables.cursors).keySet().removeIf(webhook -> !configured.contains(webhook));
    }

    @Override
    public List<String> dueCursors(Collection<String> among, Instant now, int limit) {
        return among.stream()
                .distinct()
                .sorted()
                .filter(webhook -> due(tables.cursors.get(webhook), now))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean advance(String webhook, long from, long to) {
        DeliveryCursor cursor = tables.cursors.get(webhook);
        if (cursor == null || cursor.deliveredPosition() != from) {
            return false;
        }
        tables.writing(tables.cursors)
                .put(webhook, new DeliveryCursor(webhook, to, 0, cursor.nextAttemptAt(), Optional.empty()));
        return true;
    }

    @Override
    public void failed(String webhook, int attempts, Instant nextAttemptAt, String error) {
        change(
                webhook,
                cursor -> new DeliveryCursor(
                        webhook, cursor.deliveredPosition(), attempts, nextAttemptAt, Optional.of(error)));
    }

    @Override
    public void moveCursor(String webhook, long deliveredPosition, Instant nextAttemptAt) {
        change(webhook, cursor -> new DeliveryCursor(webhook, deliveredPosition, 0, nextAttemptAt, Optional.empty()));
    }

    @Override
    public void dueAll(Instant now) {
        tables.writing(tables.cursors)
                .replaceAll((webhook, cursor) -> cursor.nextAttemptAt().isAfter(now)
                        ? new DeliveryCursor(
                                webhook, cursor.deliveredPosition(), cursor.attempts(), now, cursor.lastError())
                        : cursor);
    }

    @Override
    public int prune(Instant before) {
        long passedByAll = tables.cursors.values().stream()
                .mapToLong(DeliveryCursor::deliveredPosition)
                .min()
                .orElse(tables.lastEventPosition());
        int count = tables.events.size();
        tables.writing(tables.events)
                .values()
                .removeIf(event -> event.recordedAt().isBefore(before) && event.position() <= passedByAll);
        return count - tables.events.size();
    }

    /** Behind the last event and due. */
    private boolean due(DeliveryCursor cursor, Instant now) {
        return cursor != null
                && !cursor.nextAttemptAt().isAfter(now)
                && cursor.deliveredPosition() < tables.lastEventPosition();
    }

    private void change(String webhook, UnaryOperator<DeliveryCursor> change) {
        tables.writing(tables.cursors).computeIfPresent(webhook, (key, cursor) -> change.apply(cursor));
    }
}
