package org.openahi.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.openahi.core.importing.FileOutcome;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobRepository;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.ImportProgress;
import org.openahi.core.memory.MemoryTables.Pair;
import org.openahi.core.page.Cursor;

final class MemoryImportJobRepository implements ImportJobRepository {
    private static final Comparator<ImportJob> OLDEST_FIRST =
            Comparator.comparing(ImportJob::submittedAt).thenComparing(ImportJob::id);

    private final MemoryTables tables;

    MemoryImportJobRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public void insert(ImportJob job) {
        tables.requireParent(tables.datastores, job.datastoreId(), "datastore");
        tables.insert(tables.importJobs, job.id(), job, "import job");
    }

    @Override
    public Optional<ImportJob> find(String jobId) {
        return Optional.ofNullable(tables.importJobs.get(jobId));
    }

    @Override
    public List<ImportJob> listNewestFirst(
            String datastoreId, Optional<ImportJobStatus> status, Optional<Cursor> after, int limit) {
        return tables.importJobs.values().stream()
                .filter(job -> job.datastoreId().equals(datastoreId))
                .filter(job -> status.isEmpty() || job.status() == status.get())
                .filter(job -> after.isEmpty() || MemoryOrder.before(job.submittedAt(), job.id(), after.get()))
                .sorted(OLDEST_FIRST.reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public int countUnfinished(String datastoreId) {
        return (int) tables.importJobs.values().stream()
                .filter(job -> job.datastoreId().equals(datastoreId) && unfinished(job))
                .count();
    }

    @Override
    public Set<String> unfinishedIds() {
        return tables.importJobs.values().stream()
                .filter(MemoryImportJobRepository::unfinished)
                .map(ImportJob::id)
                .collect(Collectors.toSet());
    }

    @Override
    public List<String> submitted(int limit) {
        return tables.importJobs.values().stream()
                .filter(job -> job.status() == ImportJobStatus.SUBMITTED)
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .map(ImportJob::id)
                .toList();
    }

    @Override
    public boolean start(String jobId) {
        ImportJob job = tables.importJobs.get(jobId);
        if (job == null || !unfinished(job)) {
            return false;
        }
        tables.writing(tables.importJobs)
                .put(
                        jobId,
                        copy(
                                job,
                                ImportJobStatus.IN_PROGRESS,
                                job.endedAt(),
                                job.message(),
                                job.attempts() + 1,
                                job.outputsPending(),
                                job.progress()));
        return true;
    }

    @Override
    public void updateProgress(String jobId, ImportProgress progress, Optional<String> message) {
        change(
                jobId,
                job -> copy(job, job.status(), job.endedAt(), message, job.attempts(), job.outputsPending(), progress));
    }

    @Override
    public void setOutputsPending(String jobId, boolean pending) {
        change(
                jobId,
                job -> copy(job, job.status(), job.endedAt(), job.message(), job.attempts(), pending, job.progress()));
    }

    @Override
    public void finish(String jobId, ImportJobStatus status, Instant endedAt, Optional<String> message) {
        change(
                jobId,
                job -> copy(
                        job,
                        status,
                        Optional.of(endedAt),
                        message,
                        job.attempts(),
                        job.outputsPending(),
                        job.progress()));
    }

    @Override
    public void insertOutcome(String jobId, int sequence, FileOutcome outcome) {
        tables.requireParent(tables.importJobs, jobId, "import job");
        tables.insert(tables.importOutcomes, new Pair<>(jobId, sequence), outcome, "import job file");
    }

    @Override
    public List<FileOutcome> outcomes(String jobId) {
        return tables.importOutcomes.entrySet().stream()
                .filter(entry -> entry.getKey().first().equals(jobId))
                .sorted(Comparator.comparing(entry -> entry.getKey().second()))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static boolean unfinished(ImportJob job) {
        return job.status() == ImportJobStatus.SUBMITTED || job.status() == ImportJobStatus.IN_PROGRESS;
    }

    private void change(String jobId, UnaryOperator<ImportJob> change) {
        tables.writing(tables.importJobs).computeIfPresent(jobId, (id, job) -> change.apply(job));
    }

    private static ImportJob copy(
            ImportJob job,
            ImportJobStatus status,
            Optional<Instant> endedAt,
            Optional<String> message,
            int attempts,
            boolean outputsPending,
            ImportProgress progress) {
        return new ImportJob(
                job.id(),
                job.datastoreId(),
                job.name(),
                status,
                job.dataAccessRoleArn(),
                job.inputUri(),
                job.outputUri(),
                job.inputOwnerAccountId(),
                job.submittedAt(),
                endedAt,
                message,
                attempts,
                outputsPending,
                progress,
                job.metadataMappings());
    }
}
