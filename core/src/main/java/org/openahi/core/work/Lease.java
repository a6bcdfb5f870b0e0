package org.openahi.core.work;

import org.openahi.core.store.Transaction;

/** The lease a runner holds on one item of work while it runs it: what every commit of the item is fenced with. */
public record Lease(String kind, String key, String owner, long epoch) {

    /**
     * Checks, in {@code tx}, that this lease still holds the item; call it in every transaction that commits the
     * item's work, before the transaction commits.
     *
     * @throws LeaseLostException when another runner took the item over, rolling {@code tx} back
     */
    public void check(Transaction tx) {
        tx.leases().holds(kind, key, epoch);
    }
}
