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
import org.openahi.core.memory.MemoryTables.Leased;

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
                        webhook,
                        Leased.free(
                                new DeliveryCursor(webhook, deliveredPosition, 0, nextAttemptAt, Optional.empty())));
    }

    @Override
    public Optional<DeliveryCursor> cursor(String webhook) {
        return Optional.ofNullable(tables.cursors.get(webhook)).map(Leased::value);
    }

    @Override
    public void retainCursors(Collection<String> kept) {
        Set<String> configured = Set.copyOf(kept);
        tables.writing(tables.cursors).keySet().removeIf(webhook -> !configured.contains(webhook));
    }

    @Override
    public List<String> claimableCursors(Collection<String> among, Instant now, int limit) {
        return among.stream()
                .distinct()
                .sorted()
                .filter(webhook -> claimable(tables.cursors.get(webhook), now))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean claimCursor(String webhook, String owner, Instant now, Instant leaseExpiresAt) {
        Leased<DeliveryCursor> row = tables.cursors.get(webhook);
        if (row == null || !row.isFreeAt(now)) {
            return false;
        }
        tables.writing(tables.cursors).put(webhook, new Leased<>(row.value(), owner, leaseExpiresAt));
        return true;
    }

    @Override
    public boolean renewCursor(String webhook, String owner, Instant leaseExpiresAt) {
        Leased<DeliveryCursor> row = tables.cursors.get(webhook);
        if (row == null || !owner.equals(row.owner())) {
            return false;
        }
        tables.writing(tables.cursors).put(webhook, new Leased<>(row.value(), owner, leaseExpiresAt));
        return true;
    }

    @Override
    public boolean advance(String webhook, long from, long to) {
        Leased<DeliveryCursor> row = tables.cursors.get(webhook);
        if (row == null || row.value().deliveredPosition() != from) {
            return false;
        }
        change(webhook, cursor -> new DeliveryCursor(webhook, to, 0, cursor.nextAttemptAt(), Optional.empty()));
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
    public void releaseCursor(String webhook) {
        tables.writing(tables.cursors).computeIfPresent(webhook, (key, row) -> Leased.free(row.value()));
    }

    @Override
    public void moveCursor(String webhook, long deliveredPosition, Instant nextAttemptAt) {
        change(webhook, cursor -> new DeliveryCursor(webhook, deliveredPosition, 0, nextAttemptAt, Optional.empty()));
    }

    @Override
    public void dueAll(Instant now) {
        tables.writing(tables.cursors)
                .replaceAll((webhook, row) -> row.value().nextAttemptAt().isAfter(now)
                        ? row.with(new DeliveryCursor(
                                webhook,
                                row.value().deliveredPosition(),
                                row.value().attempts(),
                                now,
                                row.value().lastError()))
                        : row);
    }

    @Override
    public int prune(Instant before) {
        long passedByAll = tables.cursors.values().stream()
                .mapToLong(row -> row.value().deliveredPosition())
                .min()
                .orElse(tables.lastEventPosition());
        int count = tables.events.size();
        tables.writing(tables.events)
                .values()
                .removeIf(event -> event.recordedAt().isBefore(before) && event.position() <= passedByAll);
        return count - tables.events.size();
    }

    /** Behind the last event, due, and not held under a lease that has not run out. */
    private boolean claimable(Leased<DeliveryCursor> row, Instant now) {
        return row != null
                && !row.value().nextAttemptAt().isAfter(now)
                && row.isFreeAt(now)
                && row.value().deliveredPosition() < tables.lastEventPosition();
    }

    private void change(String webhook, UnaryOperator<DeliveryCursor> change) {
        tables.writing(tables.cursors).computeIfPresent(webhook, (key, row) -> row.with(change.apply(row.value())));
    }
}
