package org.openahi.core.work;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Storage port for the leases of background work ({@link LeasedWorkers}): one record per item of a kind
 * ({@link LeasedWork#name()}) ever claimed, holding its owner, when the lease runs out and its epoch, which every
 * claim raises. Work commits only while it still holds the epoch it claimed ({@link #holds}), checked in the commit's
 * own transaction, so a node that lost its lease (it paused, or was cut off) cannot commit after its successor.
 * Called inside a metadata-store transaction.
 */
public interface Leases {

    /**
     * Takes the item for {@code owner} until {@code expiresAt} when nobody holds it (never claimed, released, or its
     * lease ran out before {@code now}); returns the new epoch, higher than every earlier one of the item, or empty
     * when another owner holds it.
     */
    OptionalLong claim(String kind, String key, String owner, Instant now, Instant expiresAt);

    /** Extends the lease {@code owner} holds at {@code epoch}; false when it is no longer the holder. */
    boolean renew(String kind, String key, String owner, long epoch, Instant expiresAt);

    /** Ends the lease held at {@code epoch}, keeping the epoch for the next claim; nothing when it was lost. */
    void release(String kind, String key, long epoch);

    /**
     * Items of the kind whose lease ran out before {@code now} without being released (their holder died or
     * paused), oldest first; items never claimed or released are the kind's own to list.
     */
    List<String> claimable(String kind, Instant now, int limit);

    /**
     * Checks that the item is still held at {@code epoch}, in the transaction about to commit its work; the check
     * conflicts with a concurrent claim, so one of the two transactions is put after the other.
     *
     * @throws LeaseLostException when another claim took the item, which rolls the transaction back
     */
    void holds(String kind, String key, long epoch);
}
