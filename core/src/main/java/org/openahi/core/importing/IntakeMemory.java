package org.openahi.core.importing;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers a front door (STOW-RS, DIMSE) may hold arriving instances in while they are stored, instead of writing each
 * to a spool file and reading it back: instances of at most {@link #INSTANCE_BYTES} (a CT or MR slice), at most
 * {@link #BUFFERS} of them at once per front door; larger instances, and any beyond those, are spooled to files.
 * Buffers are reused, {@link #KEPT} of them kept while idle: a new array per instance outlived young collections
 * under concurrent requests and was promoted, and the old generation's growth cost 50 MB of resident memory at four
 * STOW-RS clients (docs/benchmarks.md).
 */
public final class IntakeMemory {
    public static final int INSTANCE_BYTES = 1024 * 1024;
    static final int BUFFERS = 32;
    static final int KEPT = 8;

    private final AtomicInteger inUse = new AtomicInteger();
    private final ArrayBlockingQueue<byte[]> idle = new ArrayBlockingQueue<>(KEPT);

    /** A buffer of {@link #INSTANCE_BYTES} for an instance of at most that many bytes, while one is left. */
    public Optional<byte[]> take(long instanceBytes) {
        if (instanceBytes > INSTANCE_BYTES) {
            return Optional.empty();
        }
        if (inUse.incrementAndGet() > BUFFERS) {
            inUse.decrementAndGet();
            return Optional.empty();
        }
        byte[] buffer = idle.poll();
        return Optional.of(buffer != null ? buffer : new byte[INSTANCE_BYTES]);
    }

    /** Gives back a buffer {@link #take} gave, once nothing reads it any more. */
    public void give(byte[] buffer) {
        inUse.decrementAndGet();
        idle.offer(buffer);
    }
}
