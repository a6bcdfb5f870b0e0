package org.openahi.store.jdbc;

/**
 * One connection pool at a moment: connections open and in use, transactions waiting for one now, and the waits so
 * far (how many, and their total length).
 *
 * @param pool {@code postgresql}, {@code sqlite-reader} or {@code sqlite-writer}
 */
public record PoolUsage(String pool, int open, int busy, int waiting, long waits, double waitedSeconds) {}
