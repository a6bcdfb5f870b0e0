package org.openahi.core.memory;

import java.util.concurrent.locks.ReentrantLock;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.TransactionBody;

/**
 * The metadata store on the heap. A write works on a copy of the tables, which replaces the committed tables only
 * when the work returns: a write that throws leaves nothing behind. Writes run one at a time; a read sees the tables
 * the last write committed.
 */
public final class MemoryMetadataStore implements MetadataStore {
    private final ReentrantLock writer = new ReentrantLock();
    private volatile MemoryTables committed;
    private volatile boolean closed;

    public MemoryMetadataStore() {
        this(new MemoryTables());
    }

    private MemoryMetadataStore(MemoryTables committed) {
        this.committed = committed;
    }

    @Override
    public <T> T read(TransactionBody<T> work) {
        checkOpen();
        return work.run(new MemoryTransaction(committed));
    }

    @Override
    public <T> T write(TransactionBody<T> work) {
        checkOpen();
        if (writer.isHeldByCurrentThread()) {
            // On a database the inner transaction would wait for the outer one's lock forever.
            throw new IllegalStateException("A write transaction cannot start another write transaction");
        }
        writer.lock();
        try {
            MemoryTables draft = committed.draft();
            T result = work.run(new MemoryTransaction(draft));
            committed = draft.committed();
            return result;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Closes this store and opens one holding what it committed: what a restarted server would find, had the
     * memory outlived the process (tests of what survives a restart).
     */
    public MemoryMetadataStore restart() {
        writer.lock();
        try {
            close();
            return new MemoryMetadataStore(committed);
        } finally {
            writer.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The metadata store is closed");
        }
    }
}
