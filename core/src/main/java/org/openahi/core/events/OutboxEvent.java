package org.openahi.core.events;

import java.time.Instant;

/**
 * An event as the outbox keeps it: its position (1, 2, 3… in commit order, never reused), what it reports and the
 * whole EventBridge-shaped JSON that receivers get.
 */
public record OutboxEvent(long position, String detailType, String resourceArn, String json, Instant recordedAt) {}
