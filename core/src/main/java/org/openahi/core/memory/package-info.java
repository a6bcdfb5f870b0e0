/**
 * The storage ports kept in memory: {@link org.openahi.core.memory.MemoryMetadataStore},
 * {@link org.openahi.core.memory.MemoryBlobStore} and {@link org.openahi.core.memory.MemoryImportStorage}. They are the
 * reference implementations the contract suites of {@code store-tck} run first, and what {@code core}'s unit tests
 * run its services on without a database, a file system or HTTP.
 *
 * <p>What they do not do: nothing is durable (a process that ends forgets everything), nothing is shared between
 * processes (no scale-out), and nothing is bounded (every byte stays on the heap). A metadata-store write is
 * all-or-nothing and writes run one at a time, so they are serializable; a read sees the state the last write
 * committed and never blocks. Do not run a server on them.
 */
package org.openahi.core.memory;
