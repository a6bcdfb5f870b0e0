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
import org.openahi.core.memory.MemoryTables.Leased;
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
        tables.insert(tables.importJobs, job.id(), Leased.free(job), "import job");
    }

    @Override
    public Optional<ImportJob> find(String jobId) {
        return Optional.ofNullable(tables.importJobs.get(jobId)).map(Leased::value);
    }

    @Override
    public List<ImportJob> listNewestFirst(
            String datastoreId, Optional<ImportJobStatus> status, Optional<Cursor> after, int limit) {
        return tables.importJobs.values().stream()
                .map(Leased::value)
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
                .map(Leased::value)
                .filter(job -> job.datastoreId().equals(datastoreId) && unfinished(job))
                .count();
    }

    @Override
    public Set<String> unfinishedIds() {
        return tables.importJobs.values().stream()
                .map(Leased::value)
                .filter(MemoryImportJobRepository::unfinished)
                .map(ImportJob::id)
                .collect(Collectors.toSet());
    }

    @Override
    public List<ImportJob> claimable(Instant now, int limit) {
        return tables.importJobs.values().stream()
                .filter(row -> claimable(row, now))
                .map(Leased::value)
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public boolean claim(String jobId, String owner, Instant now, Instant leaseExpiresAt) {
        Leased<ImportJob> row = tables.importJobs.get(jobId);
        if (row == null || !claimable(row, now)) {
            return false;
        }
        ImportJob job = row.value();
        ImportJob taken = copy(
                job,
                ImportJobStatus.IN_PROGRESS,
                job.endedAt(),
                job.message(),
                job.attempts() + 1,
                job.outputsPending(),
                job.progress());
        tables.writing(tables.importJobs).put(jobId, new Leased<>(taken, owner, leaseExpiresAt));
        return true;
    }

    @Override
    public boolean renewLease(String jobId, String owner, Instant leaseExpiresAt) {
        Leased<ImportJob> row = tables.importJobs.get(jobId);
        if (row == null || !owner.equals(row.owner()) || row.value().status() != ImportJobStatus.IN_PROGRESS) {
            return false;
        }
        tables.writing(tables.importJobs).put(jobId, new Leased<>(row.value(), owner, leaseExpiresAt));
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
        Leased<ImportJob> row = tables.importJobs.get(jobId);
        if (row != null) {
            ImportJob job = row.value();
            tables.writing(tables.importJobs)
                    .put(
                            jobId,
                            Leased.free(copy(
                                    job,
                                    status,
                                    Optional.of(endedAt),
                                    message,
                                    job.attempts(),
                                    job.outputsPending(),
                                    job.progress())));
        }
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

    /** SUBMITTED, or IN_PROGRESS under a lease that ran out: its runner died. */
    private static boolean claimable(Leased<ImportJob> row, Instant now) {
        ImportJobStatus status = row.value().status();
        return status == ImportJobStatus.SUBMITTED || (status == ImportJobStatus.IN_PROGRESS && row.expiredBefore(now));
    }

    private void change(String jobId, UnaryOperator<ImportJob> change) {
        tables.writing(tables.importJobs).computeIfPresent(jobId, (id, row) -> row.with(change.apply(row.value())));
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
