package org.openahi.core.events;

import java.time.Instant;
import java.util.Optional;

/**
 * How far one webhook has got: every event up to {@code deliveredPosition} was accepted by it; the next one failed
 * {@code attempts} times in a row and is tried again at {@code nextAttemptAt}.
 */
public record DeliveryCursor(
        String webhook, long deliveredPosition, int attempts, Instant nextAttemptAt, Optional<String> lastError) {}
