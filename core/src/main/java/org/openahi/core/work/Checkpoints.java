package org.openahi.core.work;

import java.util.ServiceLoader;

/**
 * Named points in background work where a crash test stops the server on purpose, to kill it exactly there. The
 * listener is found with {@link ServiceLoader}: the server's own distribution provides none, so only a test
 * classpath that adds one can arm a checkpoint; without it, reaching one costs a call to an empty method.
 *
 * <p>The names, in the order work reaches them: {@code import.file-staged} (once per input file read, its instance
 * staged durably), {@code import.folding} (every file read and its frames stored, the transaction folding them into
 * image sets not run), {@code import.committed} (image sets committed, manifests not yet written);
 * {@code ingest.staged} (a STOW-RS request's or a DIMSE instance's instances staged durably, not yet handed to the
 * fold); {@code image-set-work.begin}, {@code image-set-work.documents-written}, {@code image-set-work.committed} for
 * updates, copies and deletes; {@code tier.blob-copied} (a blob of an archived or re-accessed image set is whole and
 * verified in its other location, the original of an archived one not yet deleted); {@code event-delivery.sent} (a
 * webhook accepted an event, its cursor not yet moved past it).
 */
public final class Checkpoints {
    /** Told each time work reaches a checkpoint; it may hold the calling thread there. */
    public interface Listener {
        void reached(String checkpoint);
    }

    private static final Listener LISTENER =
            ServiceLoader.load(Listener.class).findFirst().orElse(checkpoint -> {});

    private Checkpoints() {}

    public static void reach(String checkpoint) {
        LISTENER.reached(checkpoint);
    }
}
