package org.openahi.core.store;

/** Work done with the repositories of one transaction. */
@FunctionalInterface
public interface TransactionBody<T> {
    T run(Transaction tx);
}
