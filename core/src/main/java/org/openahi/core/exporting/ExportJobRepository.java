package org.openahi.core.exporting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for export jobs; called inside a metadata-store transaction. */
public interface ExportJobRepository {

    void insert(ExportJob job);

    Optional<ExportJob> find(String jobId);

    /** Jobs a runner may take: SUBMITTED, or IN_PROGRESS with a lease that ran out (their runner died). */
    List<String> claimable(Instant now, int limit);

    /** Takes a claimable job for {@code owner}: IN_PROGRESS, one more attempt; false when another runner took it. */
    boolean claim(String jobId, String owner, Instant now, Instant leaseExpiresAt);

    boolean renewLease(String jobId, String owner, Instant leaseExpiresAt);

    void updateProgress(String jobId, ExportProgress progress);

    void finish(String jobId, ExportJobStatus status, Instant endedAt, Optional<String> message);
}
