package org.openahi.core.work;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openahi.core.store.Transaction;

/**
 * One kind of leased background work (an import job, an image set's pending work): where its items are recorded,
 * how one runs and how it ends failed. {@link LeasedWorkers} claims (through {@link Leases}), runs, gives up and
 * cleans up the same way for every kind. Every method with a {@link Transaction} runs inside a metadata-store
 * transaction; every transaction that commits an item's work checks its {@link Lease} there.
 *
 * @param <K> the key of an item
 * @param <T> the item as recorded
 */
public interface LeasedWork<K, T> {
    /** Names the threads, the log lines and the leases of this kind: {@code import}, {@code imageset}. */
    String name();

    /** Items waiting for their first run (or, for a kind whose items never end, their next one). */
    List<K> unclaimed(Transaction tx, Instant now, int limit);

    /**
     * Records, in the transaction that claimed the item's lease, that a run begins (IN_PROGRESS, one more attempt);
     * false when the item needs no run any more (it ended meanwhile).
     */
    boolean started(Transaction tx, K key);

    /** The item's key in {@link Leases}. */
    String leaseKey(K key);

    /** The item whose key in {@link Leases} is {@code leaseKey}. */
    K key(String leaseKey);

    /** The item as recorded; empty once it ended and its record is gone. */
    Optional<T> find(Transaction tx, K key);

    /** Runs of the item that were interrupted (server stopped or died); past the limit it is given up. */
    int attempts(T item);

    /**
     * Whether a runner took the item on before this run and did not end it (its node died or stopped), so this run
     * takes it over; counted by the metrics. The stores count every start ({@link #started}), this run's included, in
     * {@link #attempts}; a kind whose attempts count something else says so here.
     */
    default boolean takenOnBefore(T item) {
        return attempts(item) > 1;
    }

    /**
     * Does the item's work and records its end, each commit checking {@code lease}. A {@link WorkFailedException}
     * ends the item failed with its message; a {@link LeaseLostException} stops the run without ending the item;
     * anything else (unless the server is stopping) ends it failed as a server error.
     */
    void run(T item, Lease lease) throws Exception;

    /** Ends the item as failed with {@code message}, its stored failure text, checking {@code lease}. */
    void fail(T item, Lease lease, String message);

    /** The failure text of an item given up after {@code maxAttempts} interrupted runs. */
    String givenUp(int maxAttempts);

    /** The failure text of an item whose run threw {@code e} unexpectedly. */
    String serverError(K key, Exception e);

    /** Whether the item has ended, so what its runs wrote and did not keep can be removed. */
    boolean ended(Transaction tx, K key);

    /** The id the item's blobs are written under until it commits (see {@link org.openahi.core.blob.BlobCleanup}). */
    String workId(K key);
}
