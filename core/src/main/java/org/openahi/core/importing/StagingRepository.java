package org.openahi.core.importing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Storage port for staged instances: written (durably, with their frames' blobs already stored) before an ingest
 * acknowledges them, or as an import job reads each file, removed by the transaction that folds them into image sets.
 * Called inside a transaction.
 */
public interface StagingRepository {

    /** A staged instance and the data store it goes to. */
    record Staged(String datastoreId, StagedInstance instance) {}

    /** Records instances that work {@code workId} staged for data store {@code datastoreId} at {@code stagedAt}. */
    void insert(String datastoreId, String workId, Instant stagedAt, List<StagedInstance> instances);

    /** Those of the ids still staged, in staging order (time, then work, then the work's sequence). */
    List<Staged> find(Collection<String> ids);

    /**
     * Ids of instances staged before {@code before}, oldest first: those whose server stopped before folding them.
     * Instances an import job staged are not among them: they are the job's to fold, when it commits.
     */
    List<String> stagedBefore(Instant before, int limit);

    /** The instances work {@code workId} staged, in its sequence order, with their frames (a job taken over). */
    List<StagedInstance> stagedBy(String workId);

    /** How many instances are staged for the data store. */
    int countStaged(String datastoreId);

    /** Removes the staged instances and their frame records (the frames' blobs are the caller's). */
    void delete(Collection<String> ids);

    /** Removes what work {@code workId} staged, as {@link #delete} does (an import job's commit or failure). */
    void deleteStagedBy(String workId);
}
