package org.openahi.core.work;

import java.util.Optional;

/**
 * A commit of background work refused because its runner no longer holds the item's lease: another runner claimed
 * it after the lease ran out (the runner paused or lost the database for longer than the lease). Thrown inside the
 * commit's transaction, it rolls it back; the runner stops working on the item without ending it.
 */
public final class LeaseLostException extends RuntimeException {
    private final String kind;
    private final String key;
    private final long epoch;
    private final Optional<String> holder;

    /** @param holder who claimed the item after {@code epoch}; empty when nobody did (the lease was released) */
    public LeaseLostException(String kind, String key, long epoch, Optional<String> holder) {
        super(kind + " work " + key + " is no longer held at epoch " + epoch + "; "
                + holder.map(owner -> "it was taken over by " + owner).orElse("its lease was released"));
        this.kind = kind;
        this.key = key;
        this.epoch = epoch;
        this.holder = holder;
    }

    /** The lease lost that {@code failure} or one of its causes reports, if any. */
    public static Optional<LeaseLostException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LeaseLostException lost) {
                return Optional.of(lost);
            }
        }
        return Optional.empty();
    }

    public String kind() {
        return kind;
    }

    public String key() {
        return key;
    }

    public long epoch() {
        return epoch;
    }

    /** Who claimed the item after the lost epoch (and may have released it since). */
    public Optional<String> holder() {
        return holder;
    }
}
