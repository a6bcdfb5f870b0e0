package org.openahi.server.jetty;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The room STOW-RS bodies may take on disk at once: how many are spooled (from their first byte until their request
 * ends) and their bytes. A body whose declared length does not fit, or that would grow past the room left, is
 * refused, so no number of clients can fill the disk.
 */
final class SpoolBudget {
    private final int maxBodies;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private int bodies;
    private long bytes;

    SpoolBudget(int maxBodies, long maxBytes) {
        this.maxBodies = maxBodies;
        this.maxBytes = maxBytes;
    }

    /**
     * Room for one more body of {@code declaredLength} bytes ({@code -1} when unknown, as for a chunked body: it then
     * grows as it arrives); empty when there is none now.
     */
    Optional<Reservation> reserve(long declaredLength) {
        long initial = Math.max(0, declaredLength);
        lock.lock();
        try {
            if (bodies >= maxBodies || bytes + initial > maxBytes) {
                return Optional.empty();
            }
            bodies++;
            bytes += initial;
            return Optional.of(new Reservation(initial, declaredLength < 0));
        } finally {
            lock.unlock();
        }
    }

    /** One body's room, given back when closed. */
    final class Reservation implements AutoCloseable {
        private long reserved;
        private final boolean growing;
        private boolean closed;

        private Reservation(long reserved, boolean growing) {
            this.reserved = reserved;
            this.growing = growing;
        }

        /** Makes room for a body now {@code total} bytes long; false when there is none left. */
        boolean cover(long total) {
            if (total <= reserved) {
                return true;
            }
            if (!growing) {
                return false;
            }
            lock.lock();
            try {
                if (bytes + total - reserved > maxBytes) {
                    return false;
                }
                bytes += total - reserved;
                reserved = total;
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    bodies--;
                    bytes -= reserved;
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
