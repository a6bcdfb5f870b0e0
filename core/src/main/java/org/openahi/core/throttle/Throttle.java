package org.openahi.core.throttle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.openahi.core.error.Throttled;

/**
 * Token buckets per action and principal, shaped by a {@link RateProfile}. A principal that empties its bucket for
 * an action gets {@link Throttled} for that action alone; others and its other actions are not affected.
 */
public final class Throttle {
    private final RateProfile profile;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public Throttle(RateProfile profile) {
        this(profile, System::nanoTime);
    }

    Throttle(RateProfile profile, LongSupplier nanoTime) {
        this.profile = profile;
        this.nanoTime = nanoTime;
    }

    public RateProfile profile() {
        return profile;
    }

    /** Returns when the principal may make one more {@code action} request now; a {@link Throttled} otherwise. */
    public void check(String principalArn, String action) {
        profile.rate(action).ifPresent(rate -> {
            long now = nanoTime.getAsLong();
            long waitNanos = buckets.computeIfAbsent(action + " " + principalArn, key -> new TokenBucket(rate, now))
                    .take(now);
            if (waitNanos > 0) {
                throw new Throttled("Rate exceeded for " + action + ": " + rate.perSecond()
                        + " requests per second (burst " + rate.burst() + ") per caller; a token is free again in "
                        + Math.max(1, waitNanos / 1_000_000) + " ms");
            }
        });
    }
}
