package org.openahi.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openahi.core.exporting.ExportJob;
import org.openahi.core.exporting.ExportJobRepository;
import org.openahi.core.exporting.ExportJobStatus;
import org.openahi.core.exporting.ExportProgress;
import org.openahi.core.exporting.ExportSelection;

final class JdbcExportJobRepository implements ExportJobRepository {
    private static final String COLUMNS = "id, datastore_id, status, selection, transfer_syntax_uid, output_uri, "
            + "submitted_at, ended_at, message, attempts, instances, exported, failed";

    private final Sql sql;

    JdbcExportJobRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(ExportJob job) {
        sql.update(
                "INSERT INTO export_job (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                job.id(),
                job.datastoreId(),
                job.status().name(),
                job.selection().toJson(),
                job.transferSyntaxUid().orElse(null),
                job.outputUri(),
                job.submittedAt().toEpochMilli(),
                job.endedAt().map(Instant::toEpochMilli).orElse(null),
                job.message().orElse(null),
                job.attempts(),
                job.progress().instances(),
                job.progress().exported(),
                job.progress().failed());
    }

    @Override
    public Optional<ExportJob> find(String jobId) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM export_job WHERE id = ?", JdbcExportJobRepository::job, jobId);
    }

    @Override
    public List<String> submitted(int limit) {
        return sql.query(
                "SELECT id FROM export_job WHERE status = 'SUBMITTED' ORDER BY submitted_at, id LIMIT ?",
                row -> row.getString(1),
                limit);
    }

    @Override
    public boolean start(String jobId) {
        return sql.update(
                        "UPDATE export_job SET status = 'IN_PROGRESS', attempts = attempts + 1 WHERE id = ? "
                                + "AND status IN ('SUBMITTED', 'IN_PROGRESS')",
                        jobId)
                == 1;
    }

    @Override
    public void updateProgress(String jobId, ExportProgress progress) {
        sql.update(
                "UPDATE export_job SET instances = ?, exported = ?, failed = ? WHERE id = ?",
                progress.instances(),
                progress.exported(),
                progress.failed(),
                jobId);
    }

    @Override
    public void finish(String jobId, ExportJobStatus status, Instant endedAt, Optional<String> message) {
        sql.update(
                "UPDATE export_job SET status = ?, ended_at = ?, message = ? WHERE id = ?",
                status.name(),
                endedAt.toEpochMilli(),
                message.orElse(null),
                jobId);
    }

    private static ExportJob job(ResultSet row) throws SQLException {
        long ended = row.getLong(8);
        Optional<Instant> endedAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
        return new ExportJob(
                row.getString(1),
                row.getString(2),
                ExportJobStatus.valueOf(row.getString(3)),
                ExportSelection.fromJson(Sql.text(row, 4)),
                Optional.ofNullable(row.getString(5)),
                Sql.text(row, 6),
                Instant.ofEpochMilli(row.getLong(7)),
                endedAt,
                Optional.ofNullable(Sql.text(row, 9)),
                row.getInt(10),
                new ExportProgress(row.getLong(11), row.getLong(12), row.getLong(13)));
    }
}
