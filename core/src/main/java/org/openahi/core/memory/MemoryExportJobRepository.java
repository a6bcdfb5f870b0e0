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

final class MemoryExportJobRepository implements ExportJobRepository {
    private final MemoryTables tables;

    MemoryExportJobRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public void insert(ExportJob job) {
        tables.insert(tables.exportJobs, job.id(), job, "export job");
    }

    @Override
    public Optional<ExportJob> find(String jobId) {
        return Optional.ofNullable(tables.exportJobs.get(jobId));
    }

    @Override
    public List<String> submitted(int limit) {
        return tables.exportJobs.values().stream()
                .filter(job -> job.status() == ExportJobStatus.SUBMITTED)
                .sorted(Comparator.comparing(ExportJob::submittedAt).thenComparing(ExportJob::id))
                .limit(limit)
                .map(ExportJob::id)
                .toList();
    }

    @Override
    public boolean start(String jobId) {
        ExportJob job = tables.exportJobs.get(jobId);
        if (job == null || (job.status() != ExportJobStatus.SUBMITTED && job.status() != ExportJobStatus.IN_PROGRESS)) {
            return false;
        }
        tables.writing(tables.exportJobs)
                .put(
                        jobId,
                        with(
                                job,
                                ExportJobStatus.IN_PROGRESS,
                                job.endedAt(),
                                job.message(),
                                job.attempts() + 1,
                                job.progress()));
        return true;
    }

    @Override
    public void updateProgress(String jobId, ExportProgress progress) {
        change(jobId, job -> with(job, job.status(), job.endedAt(), job.message(), job.attempts(), progress));
    }

    @Override
    public void finish(String jobId, ExportJobStatus status, Instant endedAt, Optional<String> message) {
        change(jobId, job -> with(job, status, Optional.of(endedAt), message, job.attempts(), job.progress()));
    }

    private void change(String jobId, UnaryOperator<ExportJob> change) {
        tables.writing(tables.exportJobs).computeIfPresent(jobId, (id, job) -> change.apply(job));
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
