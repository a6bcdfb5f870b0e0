package org.openahi.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.importing.StagedInstance;
import org.openahi.core.importing.StagingRepository;
import org.openahi.core.metadata.InstanceMetadata;

final class JdbcStagingRepository implements StagingRepository {
    /** Ids per IN list, far below either database's limit on bound parameters. */
    private static final int CHUNK = 500;

    private static final String COLUMNS =
            "id, datastore_id, seq, input_name, sop_class_uid, sop_instance_uid, warning, "
                    + "patient_id, study_instance_uid, study_date, accession_number, study_id, series_instance_uid, series_number, "
                    + "patient_json, study_json, series_json, instance_json";

    private final Sql sql;

    JdbcStagingRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(String datastoreId, String workId, Instant stagedAt, List<StagedInstance> instances) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> frames = new ArrayList<>();
        for (StagedInstance s : instances) {
            ImageSetIdentity i = s.identity();
            InstanceMetadata m = s.metadata();
            rows.add(new Object[] {
                s.id(),
                workId,
                datastoreId,
                s.sequence(),
                s.inputFile(),
                stagedAt.toEpochMilli(),
                s.sopClassUid().orElse(null),
                m.sopInstanceUid(),
                s.warning().orElse(null),
                i.patientId(),
                i.studyInstanceUid(),
                i.studyDate(),
                i.accessionNumber(),
                i.studyId(),
                i.seriesInstanceUid(),
                i.seriesNumber(),
                text(m.patient()),
                text(m.study()),
                text(m.series()),
                text(m.instance())
            });
            for (int position = 0; position < s.frames().size(); position++) {
                StagedInstance.StagedFrame f = s.frames().get(position);
                frames.add(new Object[] {s.id(), position, f.frameId(), f.blobKey(), f.contentType(), f.size()});
            }
        }
        sql.batch(
                "INSERT INTO staged_instance (id, work_id, datastore_id, seq, input_name, staged_at, sop_class_uid, "
                        + "sop_instance_uid, warning, patient_id, study_instance_uid, study_date, accession_number, study_id, "
                        + "series_instance_uid, series_number, patient_json, study_json, series_json, instance_json) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
        sql.batch(
                "INSERT INTO staged_frame (staged_id, position, frame_id, blob_key, content_type, size) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                frames);
    }

    @Override
    public List<Staged> find(Collection<String> ids) {
        List<Row> rows = new ArrayList<>();
        Map<String, List<StagedInstance.StagedFrame>> frames = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            String in = placeholders(chunk.size());
            rows.addAll(sql.query(
                    "SELECT staged_at, work_id, " + COLUMNS + " FROM staged_instance WHERE id IN (" + in + ")",
                    JdbcStagingRepository::row,
                    chunk.toArray()));
            sql.query(
                    "SELECT staged_id, frame_id, blob_key, content_type, size FROM staged_frame WHERE staged_id IN ("
                            + in + ") ORDER BY staged_id, position",
                    row -> frames.computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                            .add(new StagedInstance.StagedFrame(
                                    row.getString(2), row.getString(3), row.getString(4), row.getLong(5))),
                    chunk.toArray());
        }
        rows.sort(java.util.Comparator.comparingLong(Row::stagedAt)
                .thenComparing(Row::workId)
                .thenComparingInt(row -> row.staged().instance().sequence()));
        return rows.stream()
                .map(row -> {
                    StagedInstance s = row.staged().instance();
                    return new Staged(
                            row.staged().datastoreId(),
                            new StagedInstance(
                                    s.id(),
                                    s.sequence(),
                                    s.inputFile(),
                                    s.sopClassUid(),
                                    s.identity(),
                                    s.metadata(),
                                    frames.getOrDefault(s.id(), List.of()),
                                    s.warning()));
                })
                .toList();
    }

    @Override
    public List<String> stagedBefore(Instant before, int limit) {
        return sql.query(
                "SELECT id FROM staged_instance WHERE staged_at < ? "
                        + "AND NOT EXISTS (SELECT 1 FROM import_job WHERE import_job.id = staged_instance.work_id) "
                        + "ORDER BY staged_at LIMIT ?",
                row -> row.getString(1),
                before.toEpochMilli(),
                limit);
    }

    @Override
    public List<StagedInstance> stagedBy(String workId) {
        List<String> ids = sql.query(
                "SELECT id FROM staged_instance WHERE work_id = ? ORDER BY seq", row -> row.getString(1), workId);
        return find(ids).stream()
                .map(Staged::instance)
                .sorted(java.util.Comparator.comparingInt(StagedInstance::sequence))
                .toList();
    }

    @Override
    public int countStaged(String datastoreId) {
        return sql.queryOne(
                        "SELECT COUNT(*) FROM staged_instance WHERE datastore_id = ?",
                        row -> row.getInt(1),
                        datastoreId)
                .orElse(0);
    }

    @Override
    public void deleteStagedBy(String workId) {
        sql.update(
                "DELETE FROM staged_frame WHERE staged_id IN (SELECT id FROM staged_instance WHERE work_id = ?)",
                workId);
        sql.update("DELETE FROM staged_instance WHERE work_id = ?", workId);
    }

    @Override
    public void delete(Collection<String> ids) {
        for (List<String> chunk : chunks(ids)) {
            String in = placeholders(chunk.size());
            sql.update("DELETE FROM staged_frame WHERE staged_id IN (" + in + ")", chunk.toArray());
            sql.update("DELETE FROM staged_instance WHERE id IN (" + in + ")", chunk.toArray());
        }
    }

    /** A row as read, with what orders it. */
    private record Row(long stagedAt, String workId, Staged staged) {}

    private static Row row(ResultSet row) throws SQLException {
        ImageSetIdentity identity = new ImageSetIdentity(
                row.getString(10),
                row.getString(11),
                row.getString(12),
                row.getString(13),
                row.getString(14),
                row.getString(15),
                row.getString(16));
        InstanceMetadata metadata = new InstanceMetadata(
                row.getString(8),
                row.getString(15),
                row.getBytes(17),
                row.getBytes(18),
                row.getBytes(19),
                row.getBytes(20));
        StagedInstance instance = new StagedInstance(
                row.getString(3),
                row.getInt(5),
                row.getString(6),
                Optional.ofNullable(row.getString(7)),
                identity,
                metadata,
                List.of(),
                Optional.ofNullable(row.getString(9)));
        return new Row(row.getLong(1), row.getString(2), new Staged(row.getString(4), instance));
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
