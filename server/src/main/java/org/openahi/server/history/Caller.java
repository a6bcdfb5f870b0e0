package org.openahi.server.history;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The authenticated principal and request id of the request this thread is serving, for the operations that make
 * image set versions to record who made each one ({@link VersionAuthors}). Set by the front doors around an
 * operation; absent for background work.
 */
public record Caller(String principalArn, String requestId) {
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    /** Runs {@code work} as this caller. */
    public <T> T run(Supplier<T> work) {
        Caller previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    public static Optional<Caller> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
