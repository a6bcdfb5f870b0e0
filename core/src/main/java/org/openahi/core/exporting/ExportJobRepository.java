package org.openahi.core.exporting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for export jobs; called inside a metadata-store transaction. */
public interface ExportJobRepository {

    void insert(ExportJob job);

    Optional<ExportJob> find(String jobId);

    /** Ids of SUBMITTED jobs, oldest first: jobs no runner has started. */
    List<String> submitted(int limit);

    /**
     * Starts a run of a SUBMITTED or IN_PROGRESS job (its lease just claimed): IN_PROGRESS, one more attempt; false
     * when the job has ended.
     */
    boolean start(String jobId);

    void updateProgress(String jobId, ExportProgress progress);

    void finish(String jobId, ExportJobStatus status, Instant endedAt, Optional<String> message);
}
