package org.openahi.core.throttle;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on expensive work in flight and waiting for it (load shedding): at most {@code running} run at once, at
 * most {@code queued} more wait, and none waits longer than {@code maxWaitMillis}. Anything beyond is refused at
 * once, so under overload the server answers "busy" in microseconds instead of queueing work for seconds, and
 * cheap requests, which never pass here, keep their latency.
 */
public final class Admission {
    private final Semaphore running;
    private final int maxRunning;
    private final int maxQueued;
    private final long maxWaitMillis;
    private final AtomicInteger queued = new AtomicInteger();

    public Admission(int maxRunning, int maxQueued, long maxWaitMillis) {
        this.running = new Semaphore(maxRunning, true);
        this.maxRunning = maxRunning;
        this.maxQueued = maxQueued;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** Admitted work, released when closed. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** A permit, or empty when the work cannot be taken now (the caller answers 503 with Retry-After). */
    public Optional<Permit> admit() {
        if (!running.tryAcquire()) {
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                return Optional.empty();
            }
            try {
                if (!running.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                queued.decrementAndGet();
            }
        }
        return Optional.of(running::release);
    }

    /** Requests waiting for room now. */
    int waiting() {
        return queued.get();
    }

    @Override
    public String toString() {
        return maxRunning + " running, " + maxQueued + " waiting at most " + maxWaitMillis + " ms";
    }
}
