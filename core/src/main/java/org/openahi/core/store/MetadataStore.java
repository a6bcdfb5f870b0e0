package org.openahi.core.store;

/**
 * The metadata store port: every read and write of domain records happens inside one of its transactions.
 * Write work may run more than once (the store retries on serialization failures and busy databases), so it
 * must not have effects outside the transaction.
 */
public interface MetadataStore extends AutoCloseable {

    <T> T read(TransactionBody<T> work);

    <T> T write(TransactionBody<T> work);

    @Override
    void close();
}
