package org.openahi.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.openahi.core.exporting.ExportJob;
import org.openahi.core.exporting.ExportJobRepository;
import org.openahi.core.exporting.ExportJobStatus;
import org.openahi.core.exporting.ExportProgress;
import org.openahi.core.memory.MemoryTables.Leased;

final class MemoryExportJobRepository implements ExportJobRepository {
    private final MemoryTables tables;

    MemoryExportJobRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public void insert(ExportJob job) {
        tables.insert(tables.exportJobs, job.id(), Leased.free(job), "export job");
    }

    @Override
    public Optional<ExportJob> find(String jobId) {
        return Optional.ofNullable(tables.exportJobs.get(jobId)).map(Leased::value);
    }

    @Override
    public List<String> claimable(Instant now, int limit) {
        return tables.exportJobs.values().stream()
                .filter(row -> claimable(row, now))
                .map(Leased::value)
                .sorted(Comparator.comparing(ExportJob::submittedAt).thenComparing(ExportJob::id))
                .limit(limit)
                .map(ExportJob::id)
                .toList();
    }

    @Override
    public boolean claim(String jobId, String owner, Instant now, Instant leaseExpiresAt) {
        Leased<ExportJob> row = tables.exportJobs.get(jobId);
        if (row == null || !claimable(row, now)) {
            return false;
        }
        ExportJob job = row.value();
        ExportJob taken = with(
                job, ExportJobStatus.IN_PROGRESS, job.endedAt(), job.message(), job.attempts() + 1, job.progress());
        tables.writing(tables.exportJobs).put(jobId, new Leased<>(taken, owner, leaseExpiresAt));
        return true;
    }

    @Override
    public boolean renewLease(String jobId, String owner, Instant leaseExpiresAt) {
        Leased<ExportJob> row = tables.exportJobs.get(jobId);
        if (row == null || !owner.equals(row.owner()) || row.value().status() != ExportJobStatus.IN_PROGRESS) {
            return false;
        }
        tables.writing(tables.exportJobs).put(jobId, new Leased<>(row.value(), owner, leaseExpiresAt));
        return true;
    }

    @Override
    public void updateProgress(String jobId, ExportProgress progress) {
        change(jobId, job -> with(job, job.status(), job.endedAt(), job.message(), job.attempts(), progress));
    }

    @Override
    public void finish(String jobId, ExportJobStatus status, Instant endedAt, Optional<String> message) {
        Leased<ExportJob> row = tables.exportJobs.get(jobId);
        if (row != null) {
            ExportJob job = row.value();
            tables.writing(tables.exportJobs)
                    .put(
                            jobId,
                            Leased.free(
                                    with(job, status, Optional.of(endedAt), message, job.attempts(), job.progress())));
        }
    }

    /** SUBMITTED, or IN_PROGRESS under a lease that ran out: its runner died. */
    private static boolean claimable(Leased<ExportJob> row, Instant now) {
        ExportJobStatus status = row.value().status();
        return status == ExportJobStatus.SUBMITTED || (status == ExportJobStatus.IN_PROGRESS && row.expiredBefore(now));
    }

    private void change(String jobId, UnaryOperator<ExportJob> change) {
        tables.writing(tables.exportJobs).computeIfPresent(jobId, (id, row) -> row.with(change.apply(row.value())));
    }

    private static ExportJob with(
            ExportJob job,
            ExportJobStatus status,
            Optional<Instant> endedAt,
            Optional<String> message,
            int attempts,
            ExportProgress progress) {
        return new ExportJob(
                job.id(),
                job.datastoreId(),
                status,
                job.selection(),
                job.transferSyntaxUid(),
                job.outputUri(),
                job.submittedAt(),
                endedAt,
                message,
                attempts,
                progress);
    }
}
