package org.openahi.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves ahead: real time plus an offset the test sets, so days pass in an instant; or, {@link
 * #stoppedAt stopped}, a time that moves only when the test moves it, so no assertion depends on how long a test runs.
 */
public final class MovableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Instant stoppedAt;

    /** Real time, moved ahead by {@link #advance}. */
    public MovableClock() {
        this(null);
    }

    private MovableClock(Instant stoppedAt) {
        this.stoppedAt = stoppedAt;
    }

    /** A clock that reads {@code start} until {@link #advance} moves it. */
    public static MovableClock stoppedAt(Instant start) {
        return new MovableClock(start);
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        return (stoppedAt == null ? Instant.now() : stoppedAt).plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a MovableClock is in UTC");
    }
}
