package org.openahi.server;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the server has started, closed in the reverse order: on a failed start (a taken port) what had started by
 * then, so no worker is left running; on a stop everything — front doors first, then background work, then stores.
 */
final class Started implements AutoCloseable {
    private final Deque<AutoCloseable> closers = new ArrayDeque<>();

    /** Registers {@code resource}, closed by its own close(). */
    <T extends AutoCloseable> T add(T resource) {
        return add(resource, resource);
    }

    /** Registers {@code resource}, closed by {@code close} (a pool's shutdownNow, a front door's stop). */
    <T> T add(T resource, AutoCloseable close) {
        closers.push(close);
        return resource;
    }

    /** Closes everything, each even when an earlier one failed; the first failure is thrown, the others suppressed. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!closers.isEmpty()) {
            try {
                closers.pop().close();
            } catch (Exception e) {
                RuntimeException wrapped =
                        e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes what started after a start failed with {@code failure}, keeping any close failure as suppressed. */
    void closeAfter(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
