package org.openahi.core.importing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory a front door (STOW-RS, DIMSE) may hold arriving instances in while they are stored, instead of writing each
 * to a spool file and reading it back: instances of at most {@link #INSTANCE_BYTES} (a CT or MR slice), and
 * {@link #FRONT_DOOR_BYTES} of them at once per front door. Larger instances, and any beyond the room left, are
 * spooled to files as before.
 */
public final class IntakeMemory {
    public static final int INSTANCE_BYTES = 1024 * 1024;
    public static final long FRONT_DOOR_BYTES = 32L * 1024 * 1024;

    private final AtomicLong left = new AtomicLong(FRONT_DOOR_BYTES);

    /** Takes room for {@code bytes} when there is enough left; give it back once the instance is stored. */
    public boolean take(long bytes) {
        if (bytes > INSTANCE_BYTES) {
            return false;
        }
        if (left.addAndGet(-bytes) >= 0) {
            return true;
        }
        left.addAndGet(bytes);
        return false;
    }

    public void give(long bytes) {
        left.addAndGet(bytes);
    }
}
