package org.openahi.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.importing.FileFailure;
import org.openahi.core.importing.FileOutcome;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobRepository;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.ImportProgress;
import org.openahi.core.importing.MetadataMapping;
import org.openahi.core.importing.OverrideRecords;
import org.openahi.core.page.Cursor;

final class JdbcImportJobRepository implements ImportJobRepository {
    private static final String COLUMNS =
            "id, datastore_id, name, status, data_access_role_arn, input_uri, output_uri, "
                    + "input_owner_account_id, submitted_at, ended_at, message, attempts, outputs_pending, files_scanned, "
                    + "files_imported, files_failed, metadata_mappings";

    private final Sql sql;

    JdbcImportJobRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(ImportJob j) {
        sql.update(
                "INSERT INTO import_job (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                j.id(),
                j.datastoreId(),
                j.name(),
                j.status().name(),
                j.dataAccessRoleArn(),
                j.inputUri(),
                j.outputUri(),
                j.inputOwnerAccountId().orElse(null),
                j.submittedAt().toEpochMilli(),
                j.endedAt().map(Instant::toEpochMilli).orElse(null),
                j.message().orElse(null),
                j.attempts(),
                j.outputsPending() ? 1 : 0,
                j.progress().scanned(),
                j.progress().imported(),
                j.progress().failed(),
                MetadataMapping.write(j.metadataMappings()));
    }

    @Override
    public Optional<ImportJob> find(String jobId) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM import_job WHERE id = ?", JdbcImportJobRepository::job, jobId);
    }

    @Override
    public List<ImportJob> listNewestFirst(
            String datastoreId, Optional<ImportJobStatus> status, Optional<Cursor> after, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS + " FROM import_job WHERE datastore_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(datastoreId));
        status.ifPresent(s -> {
            query.append(" AND status = ?");
            parameters.add(s.name());
        });
        after.ifPresent(cursor -> {
            query.append(" AND (submitted_at, id) < (?, ?)");
            parameters.add(cursor.position());
            parameters.add(cursor.id());
        });
        query.append(" ORDER BY submitted_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return sql.query(query.toString(), JdbcImportJobRepository::job, parameters.toArray());
    }

    @Override
    public int countUnfinished(String datastoreId) {
        return sql.queryOne(
                        "SELECT COUNT(*) FROM import_job WHERE datastore_id = ? AND status IN ('SUBMITTED', 'IN_PROGRESS')",
                        row -> row.getInt(1),
                        datastoreId)
                .orElse(0);
    }

    @Override
    public java.util.Set<String> unfinishedIds() {
        return new java.util.HashSet<>(sql.query(
                "SELECT id FROM import_job WHERE status IN ('SUBMITTED', 'IN_PROGRESS')", row -> row.getString(1)));
    }

    @Override
    public List<String> submitted(int limit) {
        return sql.query(
                "SELECT id FROM import_job WHERE status = 'SUBMITTED' ORDER BY submitted_at, id LIMIT ?",
                row -> row.getString(1),
                limit);
    }

    @Override
    public boolean start(String jobId) {
        return sql.update(
                        "UPDATE import_job SET status = 'IN_PROGRESS', attempts = attempts + 1 WHERE id = ? "
                                + "AND status IN ('SUBMITTED', 'IN_PROGRESS')",
                        jobId)
                == 1;
    }

    @Override
    public void updateProgress(String jobId, ImportProgress progress, Optional<String> message) {
        sql.update(
                "UPDATE import_job SET files_scanned = ?, files_imported = ?, files_failed = ?, message = ? WHERE id = ?",
                progress.scanned(),
                progress.imported(),
                progress.failed(),
                message.orElse(null),
                jobId);
    }

    @Override
    public void setOutputsPending(String jobId, boolean pending) {
        sql.update("UPDATE import_job SET outputs_pending = ? WHERE id = ?", pending ? 1 : 0, jobId);
    }

    @Override
    public void finish(String jobId, ImportJobStatus status, Instant endedAt, Optional<String> message) {
        sql.update(
                "UPDATE import_job SET status = ?, ended_at = ?, message = ? WHERE id = ?",
                status.name(),
                endedAt.toEpochMilli(),
                message.orElse(null),
                jobId);
    }

    @Override
    public void insertOutcome(String jobId, int sequence, FileOutcome o) {
        sql.update(
                "INSERT INTO import_job_file (job_id, seq, input_file, outcome, image_set_id, image_set_version, "
                        + "is_primary, exception_type, message, metadata_overrides) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                jobId,
                sequence,
                o.inputFile(),
                o.kind().name(),
                o.imageSetId().orElse(null),
                o.imageSetVersion().orElse(null),
                o.primary().map(p -> p ? 1 : 0).orElse(null),
                o.failure().map(JdbcImportJobRepository::stored).orElse(null),
                o.message().orElse(null),
                OverrideRecords.write(o.overrides()));
    }

    @Override
    public List<FileOutcome> outcomes(String jobId) {
        return sql.query(
                "SELECT input_file, outcome, image_set_id, image_set_version, is_primary, exception_type, message, "
                        + "metadata_overrides FROM import_job_file WHERE job_id = ? ORDER BY seq",
                row -> {
                    int version = row.getInt(4);
                    Optional<Integer> imageSetVersion = row.wasNull() ? Optional.empty() : Optional.of(version);
                    int primary = row.getInt(5);
                    Optional<Boolean> isPrimary = row.wasNull() ? Optional.empty() : Optional.of(primary == 1);
                    return new FileOutcome(
                            row.getString(1),
                            FileOutcome.Kind.valueOf(row.getString(2)),
                            Optional.ofNullable(row.getString(3)),
                            imageSetVersion,
                            isPrimary,
                            Optional.ofNullable(row.getString(6)).map(JdbcImportJobRepository::failure),
                            Optional.ofNullable(row.getString(7)),
                            OverrideRecords.read(row.getString(8)));
                },
                jobId);
    }

    /**
     * A file's failure as {@code exception_type} has held it since the column was made: the manifest's exception type
     * (and STOW-RS's own word for a request too large), so rows written before read back the same.
     */
    private static String stored(FileFailure failure) {
        return switch (failure) {
            case INVALID_FILE -> "ValidationException";
            case TOO_LARGE -> "TooLarge";
            case SERVER_ERROR -> "InternalServerException";
        };
    }

    private static FileFailure failure(String stored) {
        return switch (stored) {
            case "ValidationException" -> FileFailure.INVALID_FILE;
            case "TooLarge" -> FileFailure.TOO_LARGE;
            case "InternalServerException" -> FileFailure.SERVER_ERROR;
            default -> throw new IllegalStateException("Unknown exception_type in import_job_file: " + stored);
        };
    }

    private static ImportJob job(ResultSet row) throws SQLException {
        long endedAt = row.getLong(10);
        Optional<Instant> ended = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(endedAt));
        return new ImportJob(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                ImportJobStatus.valueOf(row.getString(4)),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                Optional.ofNullable(row.getString(8)),
                Instant.ofEpochMilli(row.getLong(9)),
                ended,
                Optional.ofNullable(row.getString(11)),
                row.getInt(12),
                row.getInt(13) == 1,
                new ImportProgress(row.getLong(14), row.getLong(15), row.getLong(16)),
                MetadataMapping.read(row.getString(17)));
    }
}
