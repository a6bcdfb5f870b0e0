package org.openahi.core.work;

/**
 * What background work tells as it goes, for the node's metrics (the server counts it; core names no metrics
 * library). Each method is called on the thread doing the work and must return at once.
 */
public interface WorkMeter {
    /** Counts nothing: for tools and tests that run work without metrics. */
    WorkMeter NONE = new WorkMeter() {};

    /** A run of {@code kind} took over an item an earlier runner had taken on and not ended (its lease ran out). */
    default void tookOver(String kind) {}

    /**
     * A run of {@code kind} ended: {@code done}, {@code failed}, {@code given_up}, {@code stopped} (server stopping) or
     * {@code lost} (another node took its lease over).
     */
    default void ended(String kind, String outcome) {}

    /** An import job read one of its files: staged for its image set ({@code imported}), or failed. */
    default void importedFile(boolean imported) {}
}
