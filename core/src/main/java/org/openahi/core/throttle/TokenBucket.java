package org.openahi.core.throttle;

/** One token bucket: starts full, refills continuously at its rate up to its burst; a request takes one token. */
final class TokenBucket {
    private final Rate rate;
    private double tokens;
    private long updatedNanos;

    TokenBucket(Rate rate, long nowNanos) {
        this.rate = rate;
        this.tokens = rate.burst();
        this.updatedNanos = nowNanos;
    }

    /** Takes a token if there is one; otherwise the nanoseconds until there will be. */
    synchronized long take(long nowNanos) {
        tokens = Math.min(rate.burst(), tokens + (nowNanos - updatedNanos) * rate.perSecond() / 1e9);
        updatedNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * 1e9 / rate.perSecond());
    }
}
