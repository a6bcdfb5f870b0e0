package org.openahi.store.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openahi.core.events.DeliveryCursor;
import org.openahi.core.events.EventOutbox;
import org.openahi.core.events.OutboxEvent;

final class JdbcEventOutbox implements EventOutbox {
    private final Sql sql;

    JdbcEventOutbox(Sql sql) {
        this.sql = sql;
    }

    @Override
    public long append(String detailType, String resourceArn, String json, Instant recordedAt) {
        // The counter row's update serializes appends: SQLite has one writer, PostgreSQL fails the later of two
        // SERIALIZABLE writers of the row, which is retried.
        sql.update("UPDATE event_position SET last = last + 1 WHERE id = 1");
        long position = lastPosition();
        sql.update(
                "INSERT INTO event_outbox (position, detail_type, resource_arn, event_json, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?)",
                position,
                detailType,
                resourceArn,
                json,
                recordedAt.toEpochMilli());
        return position;
    }

    @Override
    public List<OutboxEvent> after(long position, int limit) {
        return sql.query(
                "SELECT position, detail_type, resource_arn, event_json, recorded_at FROM event_outbox "
                        + "WHERE position > ? ORDER BY position LIMIT ?",
                row -> new OutboxEvent(
                        row.getLong(1),
                        Sql.text(row, 2),
                        Sql.text(row, 3),
                        Sql.text(row, 4),
                        Instant.ofEpochMilli(row.getLong(5))),
                position,
                limit);
    }

    @Override
    public long lastPosition() {
        return sql.queryOne("SELECT last FROM event_position WHERE id = 1", row -> row.getLong(1))
                .orElseThrow();
    }

    @Override
    public void addCursor(String webhook, long deliveredPosition, Instant nextAttemptAt) {
        sql.update(
                "INSERT INTO event_delivery (webhook, delivered_position, attempts, next_attempt_at) "
                        + "VALUES (?, ?, 0, ?) ON CONFLICT (webhook) DO NOTHING",
                webhook,
                deliveredPosition,
                nextAttemptAt.toEpochMilli());
    }

    @Override
    public Optional<DeliveryCursor> cursor(String webhook) {
        return sql.queryOne(
                "SELECT webhook, delivered_position, attempts, next_attempt_at, last_error "
                        + "FROM event_delivery WHERE webhook = ?",
                row -> new DeliveryCursor(
                        row.getString(1),
                        row.getLong(2),
                        row.getInt(3),
                        Instant.ofEpochMilli(row.getLong(4)),
                        Optional.ofNullable(row.getString(5))),
                webhook);
    }

    @Override
    public void retainCursors(Collection<String> kept) {
        List<String> configured = List.copyOf(kept);
        if (configured.isEmpty()) {
            sql.update("DELETE FROM event_delivery");
        } else {
            sql.update(
                    "DELETE FROM event_delivery WHERE webhook NOT IN ("
                            + JdbcStagingRepository.placeholders(configured.size()) + ")",
                    configured.toArray());
        }
    }

    @Override
    public List<String> dueCursors(Collection<String> among, Instant now, int limit) {
        if (among.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(among);
        parameters.add(now.toEpochMilli());
        parameters.add(limit);
        return sql.query(
                "SELECT webhook FROM event_delivery WHERE webhook IN ("
                        + JdbcStagingRepository.placeholders(among.size()) + ") AND next_attempt_at <= ? "
                        + "AND delivered_position < (SELECT last FROM event_position WHERE id = 1) ORDER BY webhook LIMIT ?",
                row -> row.getString(1),
                parameters.toArray());
    }

    @Override
    public boolean advance(String webhook, long from, long to) {
        return sql.update(
                        "UPDATE event_delivery SET delivered_position = ?, attempts = 0, last_error = NULL "
                                + "WHERE webhook = ? AND delivered_position = ?",
                        to,
                        webhook,
                        from)
                == 1;
    }

    @Override
    public void failed(String webhook, int attempts, Instant nextAttemptAt, String error) {
        sql.update(
                "UPDATE event_delivery SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE webhook = ?",
                attempts,
                nextAttemptAt.toEpochMilli(),
                error,
                webhook);
    }

    @Override
    public void moveCursor(String webhook, long deliveredPosition, Instant nextAttemptAt) {
        sql.update(
                "UPDATE event_delivery SET delivered_position = ?, attempts = 0, last_error = NULL, "
                        + "next_attempt_at = ? WHERE webhook = ?",
                deliveredPosition,
                nextAttemptAt.toEpochMilli(),
                webhook);
    }

    @Override
    public void dueAll(Instant now) {
        sql.update(
                "UPDATE event_delivery SET next_attempt_at = ? WHERE next_attempt_at > ?",
                now.toEpochMilli(),
                now.toEpochMilli());
    }

    @Override
    public int prune(Instant before) {
        return sql.update(
                "DELETE FROM event_outbox WHERE recorded_at < ? AND position <= "
                        + "(SELECT COALESCE(MIN(delivered_position), (SELECT last FROM event_position WHERE id = 1)) "
                        + "FROM event_delivery)",
                before.toEpochMilli());
    }
}
