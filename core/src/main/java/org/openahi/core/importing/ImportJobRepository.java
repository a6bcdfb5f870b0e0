package org.openahi.core.importing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openahi.core.page.Cursor;

/** Storage port for import jobs and their per-file outcomes; called inside a metadata-store transaction. */
public interface ImportJobRepository {

    void insert(ImportJob job);

    Optional<ImportJob> find(String jobId);

    List<ImportJob> listNewestFirst(
            String datastoreId, Optional<ImportJobStatus> status, Optional<Cursor> after, int limit);

    /** Jobs of the data store that are SUBMITTED or IN_PROGRESS. */
    int countUnfinished(String datastoreId);

    /** Ids of all jobs that are SUBMITTED or IN_PROGRESS. */
    java.util.Set<String> unfinishedIds();

    /** Ids of SUBMITTED jobs, oldest first: jobs no runner has started. */
    List<String> submitted(int limit);

    /**
     * Starts a run of a SUBMITTED or IN_PROGRESS job (its lease just claimed): IN_PROGRESS, one more attempt; false
     * when the job has ended.
     */
    boolean start(String jobId);

    void updateProgress(String jobId, ImportProgress progress, Optional<String> message);

    void setOutputsPending(String jobId, boolean pending);

    void finish(String jobId, ImportJobStatus status, Instant endedAt, Optional<String> message);

    void insertOutcome(String jobId, int sequence, FileOutcome outcome);

    List<FileOutcome> outcomes(String jobId);
}
