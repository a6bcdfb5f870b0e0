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

    /** Jobs a runner may take: SUBMITTED, or IN_PROGRESS with a lease that ran out (their runner died). */
    List<ImportJob> claimable(Instant now, int limit);

    /**
     * Takes a claimable job for {@code owner} until {@code leaseExpiresAt}: IN_PROGRESS, one more attempt.
     * False when another runner took it first.
     */
    boolean claim(String jobId, String owner, Instant now, Instant leaseExpiresAt);

    /** Extends the lease of a job this owner holds; false when the job is no longer its own. */
    boolean renewLease(String jobId, String owner, Instant leaseExpiresAt);

    void updateProgress(String jobId, ImportProgress progress, Optional<String> message);

    void setOutputsPending(String jobId, boolean pending);

    void finish(String jobId, ImportJobStatus status, Instant endedAt, Optional<String> message);

    void insertOutcome(String jobId, int sequence, FileOutcome outcome);

    List<FileOutcome> outcomes(String jobId);
}
