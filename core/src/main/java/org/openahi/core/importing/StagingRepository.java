package org.openahi.core.importing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Storage port for staged instances: written (durably, with their frames' blobs already stored) before an ingest
 * acknowledges them, removed by the transaction that folds them into image sets. Called inside a transaction.
 */
public interface StagingRepository {

    /** A staged instance and the data store it goes to. */
    record Staged(String datastoreId, StagedInstance instance) {}

    /** Records instances that work {@code workId} staged for data store {@code datastoreId} at {@code stagedAt}. */
    void insert(String datastoreId, String workId, Instant stagedAt, List<StagedInstance> instances);

    /** Those of the ids still staged, in staging order (time, then work, then the work's sequence). */
    List<Staged> find(Collection<String> ids);

    /** Ids of instances staged before {@code before}, oldest first: those whose server stopped before folding them. */
    List<String> stagedBefore(Instant before, int limit);

    /** How many instances are staged for the data store. */
    int countStaged(String datastoreId);

    /** Removes the staged instances and their frame records (the frames' blobs are the caller's). */
    void delete(Collection<String> ids);
}
