package org.openahi.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.openahi.core.work.Checkpoints;

/**
 * Holds the server's background work at a checkpoint so a crash test can kill it exactly there (found through
 * ServiceLoader on the test classpath only; see {@link Checkpoints}). Armed by the system properties
 * {@value #CHECKPOINT} (the checkpoint's name) and {@value #AFTER} (how many passes to let through first, default 0),
 * which {@link ServerProcess} sets on the server JVM it starts. From then on, every thread that reaches the
 * checkpoint waits there, and the file named by {@value #MARKER} says so.
 */
public final class PauseAtCheckpoint implements Checkpoints.Listener {
    static final String CHECKPOINT = "openahi.test.pauseAt";
    static final String AFTER = "openahi.test.pauseAfter";
    static final String MARKER = "openahi.test.pausedMarker";

    private final String checkpoint = System.getProperty(CHECKPOINT);
    private final int after = Integer.getInteger(AFTER, 0);
    private final AtomicInteger passes = new AtomicInteger();

    @Override
    public void reached(String name) {
        if (!name.equals(checkpoint) || passes.getAndIncrement() < after) {
            return;
        }
        try {
            Files.writeString(Path.of(System.getProperty(MARKER)), name + "\n");
            // Held until the process is killed; a graceful stop interrupts the thread and the work stops with the
            // server.
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
