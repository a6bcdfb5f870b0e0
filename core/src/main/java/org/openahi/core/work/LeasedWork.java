package org.openahi.core.work;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openahi.core.store.Transaction;

/**
 * One kind of leased background work (an import job, an image set's pending work): where its items are recorded,
 * how one runs and how it ends failed. {@link LeasedWorkers} claims, runs, gives up and cleans up the same way for
 * every kind. Every method with a {@link Transaction} runs inside a metadata-store transaction.
 *
 * @param <K> the key of an item
 * @param <T> the item as recorded
 */
public interface LeasedWork<K, T> {
    /** Names the threads and the log lines of this kind: {@code import}, {@code imageset}. */
    String name();

    /** Items nobody holds: new ones, and those whose lease ran out. */
    List<K> claimable(Transaction tx, Instant now, int limit);

    /** Takes an item for {@code owner} until {@code leaseExpiresAt}; false when another runner took it first. */
    boolean claim(Transaction tx, K key, String owner, Instant now, Instant leaseExpiresAt);

    /** Extends the lease; false when the item is no longer the owner's (or is done). */
    boolean renew(Transaction tx, K key, String owner, Instant leaseExpiresAt);

    /** The item as recorded; empty once it ended and its record is gone. */
    Optional<T> find(Transaction tx, K key);

    /** Runs of the item that were interrupted (server stopped or died); past the limit it is given up. */
    int attempts(T item);

    /**
     * Whether a runner took the item on before this run and did not end it (its node died or stopped), so this run
     * takes it over; counted by the metrics. The stores count every claim, this run's included, in {@link #attempts};
     * a kind whose attempts count something else says so here.
     */
    default boolean takenOnBefore(T item) {
        return attempts(item) > 1;
    }

    /**
     * Does the item's work and records its end. A {@link WorkFailedException} ends the item failed with its message;
     * anything else (unless the server is stopping) ends it failed as a server error.
     */
    void run(T item) throws Exception;

    /** Ends the item as failed with {@code message}, its stored failure text. */
    void fail(T item, String message);

    /** The failure text of an item given up after {@code maxAttempts} interrupted runs. */
    String givenUp(int maxAttempts);

    /** The failure text of an item whose run threw {@code e} unexpectedly. */
    String serverError(K key, Exception e);

    /** Whether the item has ended, so what its runs wrote and did not keep can be removed. */
    boolean ended(Transaction tx, K key);

    /** The id the item's blobs are written under until it commits (see {@link org.openahi.core.blob.BlobCleanup}). */
    String workId(K key);
}
