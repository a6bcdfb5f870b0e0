package org.openahi.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
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
 *
 * <p>With {@value #RESUME} set as well (several servers sharing one marker), only the first thread of any server to
 * reach the checkpoint is held, until the file {@value #RESUME} names exists; the marker holds its server's
 * {@code OPENAHI_NODE_NAME}, and every other thread passes while the marker exists.
 */
public final class PauseAtCheckpoint implements Checkpoints.Listener {
    static final String CHECKPOINT = "openahi.test.pauseAt";
    static final String AFTER = "openahi.test.pauseAfter";
    static final String MARKER = "openahi.test.pausedMarker";
    static final String RESUME = "openahi.test.resumeMarker";

    private final String checkpoint = System.getProperty(CHECKPOINT);
    private final int after = Integer.getInteger(AFTER, 0);
    private final AtomicInteger passes = new AtomicInteger();

    @Override
    public void reached(String name) {
        if (!name.equals(checkpoint) || passes.getAndIncrement() < after) {
            return;
        }
        try {
            String resume = System.getProperty(RESUME);
            if (resume != null) {
                holdOnce(Path.of(System.getProperty(MARKER)), Path.of(resume));
                return;
            }
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

    /** Holds the calling thread until {@code resume} exists, unless a thread of any server was held first. */
    private static void holdOnce(Path marker, Path resume) throws IOException, InterruptedException {
        Path mine = Files.createTempFile(marker.getParent(), "paused-", ".tmp");
        Files.writeString(mine, System.getenv("OPENAHI_NODE_NAME"));
        try {
            // A hard link is created atomically, content included, only when the marker does not exist yet.
            Files.createLink(marker, mine);
        } catch (FileAlreadyExistsException held) {
            return;
        } finally {
            Files.delete(mine);
        }
        while (!Files.exists(resume)) {
            Thread.sleep(20);
        }
    }
}
