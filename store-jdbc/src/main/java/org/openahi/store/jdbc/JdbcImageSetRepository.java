package org.openahi.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.openahi.core.imageset.DicomWebIndex;
import org.openahi.core.imageset.DocumentPart;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetRepository;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.imageset.SearchQuery;
import org.openahi.core.imageset.SearchResult;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.VersionDocument;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.metadata.InstanceMetadata;

final class JdbcImageSetRepository implements ImageSetRepository {
    /** The columns that hold blob keys: a blob no row names through them is garbage (the blob cleanup). */
    private static final List<BlobColumn> BLOB_COLUMNS = List.of(
            new BlobColumn("image_frame", "blob_key"),
            new BlobColumn("staged_frame", "blob_key"),
            new BlobColumn("image_set_version", "metadata_blob"));

    private static final String SET_COLUMNS = "id, datastore_id, created_at, updated_at, latest_version, state, "
            + "workflow_status, is_primary, patient_id, study_instance_uid, study_date, accession_number, study_id, "
            + "series_instance_uid, series_number";
    private static final String SUMMARY_COLUMNS = "patient_name, patient_birth_date, patient_sex, study_description, "
            + "study_time, study_date_time, series_modality, series_body_part, series_count, instance_count";
    private static final String VERSION_READ_COLUMNS = "version, state, workflow_status, created_at, updated_at, "
            + "deleted_at, message, forced, is_primary, metadata_blob, parts_base, parts_levels";
    private static final String PART_COLUMNS = "version, seq, part_id, sop_instance_uid, series_instance_uid, "
            + "patient_json, study_json, series_json, instance_json";
    private static final String VERSION_COLUMNS = "image_set_id, " + VERSION_READ_COLUMNS;

    private final Sql sql;
    private final QidoSql qido;

    JdbcImageSetRepository(Sql sql) {
        this.sql = sql;
        this.qido = new QidoSql(sql);
    }

    @Override
    public void insert(ImageSet s) {
        ImageSetIdentity i = s.identity();
        sql.update(
                "INSERT INTO image_set (" + SET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(),
                s.datastoreId(),
                s.createdAt().toEpochMilli(),
                s.updatedAt().toEpochMilli(),
                s.latestVersion(),
                s.state().name(),
                s.workflowStatus().name(),
                s.primary() ? 1 : 0,
                i.patientId(),
                i.studyInstanceUid(),
                i.studyDate(),
                i.accessionNumber(),
                i.studyId(),
                i.seriesInstanceUid(),
                i.seriesNumber());
    }

    @Override
    public Optional<ImageSet> find(String datastoreId, String imageSetId) {
        return sql.queryOne(
                "SELECT " + SET_COLUMNS + " FROM image_set WHERE id = ? AND datastore_id = ?",
                JdbcImageSetRepository::imageSet,
                imageSetId,
                datastoreId);
    }

    @Override
    public Optional<ImageSet> findById(String imageSetId) {
        return sql.queryOne(
                "SELECT " + SET_COLUMNS + " FROM image_set WHERE id = ?", JdbcImageSetRepository::imageSet, imageSetId);
    }

    @Override
    public Optional<ImageSet> findPrimary(String datastoreId, String seriesInstanceUid) {
        return sql.queryOne(
                "SELECT " + SET_COLUMNS + " FROM image_set WHERE datastore_id = ? AND series_instance_uid = ? "
                        + "AND is_primary = 1 AND state <> 'DELETED'",
                JdbcImageSetRepository::imageSet,
                datastoreId,
                seriesInstanceUid);
    }

    @Override
    public List<ImageSet> findPrimaryInStudy(String datastoreId, String studyInstanceUid) {
        return sql.query(
                "SELECT " + SET_COLUMNS + " FROM image_set WHERE datastore_id = ? AND study_instance_uid = ? "
                        + "AND is_primary = 1 AND state <> 'DELETED' ORDER BY id",
                JdbcImageSetRepository::imageSet,
                datastoreId,
                studyInstanceUid);
    }

    @Override
    public void update(ImageSet s) {
        ImageSetIdentity i = s.identity();
        sql.update(
                "UPDATE image_set SET updated_at = ?, latest_version = ?, state = ?, workflow_status = ?, is_primary = ?, "
                        + "patient_id = ?, study_instance_uid = ?, study_date = ?, accession_number = ?, study_id = ?, "
                        + "series_instance_uid = ?, series_number = ? WHERE id = ?",
                s.updatedAt().toEpochMilli(),
                s.latestVersion(),
                s.state().name(),
                s.workflowStatus().name(),
                s.primary() ? 1 : 0,
                i.patientId(),
                i.studyInstanceUid(),
                i.studyDate(),
                i.accessionNumber(),
                i.studyId(),
                i.seriesInstanceUid(),
                i.seriesNumber(),
                s.id());
    }

    @Override
    public void updateSummary(String imageSetId, ImageSetSummary m) {
        sql.update(
                "UPDATE image_set SET patient_name = ?, patient_birth_date = ?, patient_sex = ?, study_description = ?, "
                        + "study_time = ?, study_date_time = ?, series_modality = ?, series_body_part = ?, series_count = ?, "
                        + "instance_count = ? WHERE id = ?",
                m.patientName(),
                m.patientBirthDate(),
                m.patientSex(),
                m.studyDescription(),
                m.studyTime(),
                m.studyDateTime(),
                m.seriesModality(),
                m.seriesBodyPart(),
                m.seriesCount(),
                m.instanceCount(),
                imageSetId);
    }

    @Override
    public Optional<ImageSetSummary> findSummary(String imageSetId) {
        return sql.queryOne(
                "SELECT " + SUMMARY_COLUMNS + " FROM image_set WHERE id = ?", row -> summary(row, 1), imageSetId);
    }

    @Override
    public void updateDicomWebIndex(String imageSetId, DicomWebIndex index) {
        qido.updateIndex(imageSetId, index);
    }

    @Override
    public int mergeDicomWebIndex(String imageSetId, DicomWebIndex added) {
        return qido.mergeIndex(imageSetId, added);
    }

    @Override
    public List<String> notDicomWebIndexed(String afterId, int limit) {
        return qido.notIndexed(afterId, limit);
    }

    @Override
    public List<QidoRow.Study> searchStudies(QidoQuery query) {
        return qido.studies(query);
    }

    @Override
    public List<QidoRow.Series> searchSeries(QidoQuery query) {
        return qido.series(query);
    }

    @Override
    public List<QidoRow.Instance> searchInstances(QidoQuery query) {
        return qido.instances(query);
    }

    @Override
    public Map<String, String> heldInstances(String datastoreId, Collection<String> sopInstanceUids) {
        return qido.heldInstances(datastoreId, sopInstanceUids);
    }

    @Override
    public void insertVersion(ImageSetVersion v) {
        sql.update(
                "INSERT INTO image_set_version (" + VERSION_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.imageSetId(),
                v.version(),
                v.state().name(),
                v.workflowStatus().name(),
                v.createdAt().toEpochMilli(),
                v.updatedAt().toEpochMilli(),
                v.deletedAt().map(Instant::toEpochMilli).orElse(null),
                v.message().orElse(null),
                v.forced() ? 1 : 0,
                v.primary() ? 1 : 0,
                blob(v),
                partsBase(v),
                partsLevels(v));
    }

    @Override
    public void updateVersion(ImageSetVersion v) {
        sql.update(
                "UPDATE image_set_version SET state = ?, workflow_status = ?, updated_at = ?, deleted_at = ?, "
                        + "message = ?, forced = ?, is_primary = ?, metadata_blob = ?, parts_base = ?, parts_levels = ? "
                        + "WHERE image_set_id = ? AND version = ?",
                v.state().name(),
                v.workflowStatus().name(),
                v.updatedAt().toEpochMilli(),
                v.deletedAt().map(Instant::toEpochMilli).orElse(null),
                v.message().orElse(null),
                v.forced() ? 1 : 0,
                v.primary() ? 1 : 0,
                blob(v),
                partsBase(v),
                partsLevels(v),
                v.imageSetId(),
                v.version());
    }

    @Override
    public Optional<ImageSetVersion> findVersion(String imageSetId, int version) {
        return sql.queryOne(
                "SELECT " + VERSION_READ_COLUMNS + " FROM image_set_version WHERE image_set_id = ? "
                        + "AND version = ?",
                row -> version(imageSetId, row),
                imageSetId,
                version);
    }

    @Override
    public List<ImageSetVersion> listVersions(String imageSetId, OptionalInt before, int limit) {
        if (before.isPresent()) {
            return sql.query(
                    "SELECT " + VERSION_READ_COLUMNS + " FROM image_set_version WHERE image_set_id = ? AND version < ? "
                            + "ORDER BY version DESC LIMIT ?",
                    row -> version(imageSetId, row),
                    imageSetId,
                    before.getAsInt(),
                    limit);
        }
        return sql.query(
                "SELECT " + VERSION_READ_COLUMNS + " FROM image_set_version WHERE image_set_id = ? "
                        + "ORDER BY version DESC LIMIT ?",
                row -> version(imageSetId, row),
                imageSetId,
                limit);
    }

    @Override
    public void insertFrame(StoredFrame f) {
        sql.update(
                "INSERT INTO image_frame (image_set_id, frame_id, blob_key, content_type, size) VALUES (?, ?, ?, ?, ?)",
                f.imageSetId(),
                f.frameId(),
                f.blobKey(),
                f.contentType(),
                f.size());
    }

    @Override
    public void insertFrames(List<StoredFrame> frames) {
        sql.batch(
                "INSERT INTO image_frame (image_set_id, frame_id, blob_key, content_type, size) VALUES (?, ?, ?, ?, ?)",
                frames.stream()
                        .map(f -> new Object[] {f.imageSetId(), f.frameId(), f.blobKey(), f.contentType(), f.size()})
                        .toList());
    }

    @Override
    public Set<String> replaceFrameBlob(String blobKey, String newBlobKey, long size) {
        Set<String> imageSets = new HashSet<>(
                sql.query("SELECT image_set_id FROM image_frame WHERE blob_key = ?", row -> row.getString(1), blobKey));
        sql.update("UPDATE image_frame SET blob_key = ?, size = ? WHERE blob_key = ?", newBlobKey, size, blobKey);
        return imageSets;
    }

    @Override
    public Optional<StoredFrame> findFrame(String imageSetId, String frameId) {
        return sql.queryOne(
                "SELECT image_set_id, frame_id, blob_key, content_type, size FROM image_frame "
                        + "WHERE image_set_id = ? AND frame_id = ?",
                JdbcImageSetRepository::frame,
                imageSetId,
                frameId);
    }

    @Override
    public List<StoredFrame> frames(String imageSetId) {
        return sql.query(
                "SELECT image_set_id, frame_id, blob_key, content_type, size FROM image_frame "
                        + "WHERE image_set_id = ?",
                JdbcImageSetRepository::frame,
                imageSetId);
    }

    @Override
    public void insertDocumentParts(String imageSetId, List<DocumentPart> parts) {
        sql.batch(
                "INSERT INTO document_part (image_set_id, " + PART_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                parts.stream()
                        .map(p -> new Object[] {
                            imageSetId,
                            p.version(),
                            p.seq(),
                            p.partId(),
                            p.metadata().sopInstanceUid(),
                            p.metadata().seriesInstanceUid(),
                            JdbcStagingRepository.text(p.metadata().patient()),
                            JdbcStagingRepository.text(p.metadata().study()),
                            JdbcStagingRepository.text(p.metadata().series()),
                            JdbcStagingRepository.text(p.metadata().instance())
                        })
                        .toList());
    }

    @Override
    public List<DocumentPart.Key> documentPartKeys(String imageSetId, int afterVersion, int upToVersion) {
        return sql.query(
                "SELECT version, seq, sop_instance_uid FROM document_part WHERE image_set_id = ? AND version > ? "
                        + "AND version <= ? ORDER BY version, seq",
                row -> new DocumentPart.Key(row.getInt(1), row.getInt(2), Sql.text(row, 3)),
                imageSetId,
                afterVersion,
                upToVersion);
    }

    @Override
    public List<DocumentPart> documentParts(
            String imageSetId, int afterVersion, int upToVersion, Optional<DocumentPart.Key> after, int limit) {
        String from = "SELECT " + PART_COLUMNS + " FROM document_part WHERE image_set_id = ? AND version <= ? AND ";
        if (after.isEmpty()) {
            return sql.query(
                    from + "version > ? ORDER BY version, seq LIMIT ?",
                    JdbcImageSetRepository::part,
                    imageSetId,
                    upToVersion,
                    afterVersion,
                    limit);
        }
        // (version, seq) > (v, s), written out so both databases use the primary key's order.
        DocumentPart.Key key = after.get();
        return sql.query(
                from + "(version > ? OR (version = ? AND seq > ?)) ORDER BY version, seq LIMIT ?",
                JdbcImageSetRepository::part,
                imageSetId,
                upToVersion,
                key.version(),
                key.version(),
                key.seq(),
                limit);
    }

    @Override
    public Optional<DocumentPart.Location> findDocumentPart(String partId) {
        return sql.queryOne(
                "SELECT image_set_id, version FROM document_part WHERE part_id = ?",
                row -> new DocumentPart.Location(row.getString(1), row.getInt(2)),
                partId);
    }

    @Override
    public boolean recordWholeDocument(String imageSetId, int version, String blobKey) {
        return sql.update(
                        "UPDATE image_set_version SET metadata_blob = ? WHERE image_set_id = ? AND version = ? "
                                + "AND metadata_blob IS NULL AND parts_base IS NOT NULL",
                        blobKey,
                        imageSetId,
                        version)
                == 1;
    }

    @Override
    public void forgetContent(String imageSetId) {
        sql.update("DELETE FROM image_frame WHERE image_set_id = ?", imageSetId);
        sql.update("DELETE FROM image_set_instance WHERE image_set_id = ?", imageSetId);
        sql.update("DELETE FROM document_part WHERE image_set_id = ?", imageSetId);
        sql.update(
                "UPDATE image_set_version SET metadata_blob = NULL, parts_base = NULL, parts_levels = NULL "
                        + "WHERE image_set_id = ?",
                imageSetId);
    }

    @Override
    public int countNotDeleted(String datastoreId) {
        return sql.queryOne(
                        "SELECT COUNT(*) FROM image_set WHERE datastore_id = ? AND state <> 'DELETED'",
                        row -> row.getInt(1),
                        datastoreId)
                .orElse(0);
    }

    @Override
    public boolean referencesBlob(String key) {
        return sql.queryOne(
                        BLOB_COLUMNS.stream()
                                .map(c -> "SELECT 1 FROM " + c.table() + " WHERE " + c.column() + " = ?")
                                .collect(Collectors.joining(" UNION ALL ")),
                        row -> true,
                        Collections.nCopies(BLOB_COLUMNS.size(), key).toArray())
                .isPresent();
    }

    /** Every blob key the rows refer to: what a backup's copy of the blobs must hold. */
    static Set<String> referencedBlobs(Sql sql) {
        return new HashSet<>(sql.query(
                BLOB_COLUMNS.stream()
                        .map(c ->
                                "SELECT " + c.column() + " FROM " + c.table() + " WHERE " + c.column() + " IS NOT NULL")
                        .collect(Collectors.joining(" UNION ")),
                row -> row.getString(1)));
    }

    @Override
    public List<String> contentBlobs(String imageSetId) {
        return sql.query(
                "SELECT blob_key FROM image_frame WHERE image_set_id = ? UNION "
                        + "SELECT metadata_blob FROM image_set_version WHERE image_set_id = ? AND metadata_blob IS NOT NULL",
                row -> row.getString(1),
                imageSetId,
                imageSetId);
    }

    @Override
    public List<SearchResult> search(SearchQuery query) {
        // With an EQUAL filter on an identifier the few matching rows are found by that identifier's index and
        // sorted; otherwise SQLite, lacking statistics, walks the whole data store in sort order to skip the sort.
        // The unary plus makes the sort column an expression no index can serve, steering the planner to the filter's
        // index (PostgreSQL plans from statistics either way).
        boolean filteredByIdentifier = query.conditions().stream().anyMatch(c -> c instanceof SearchQuery.Equals);
        String sortColumn = (filteredByIdentifier ? "+" : "") + column(query.sortField());
        String direction = query.ascending() ? "ASC" : "DESC";
        StringBuilder where = new StringBuilder("datastore_id = ? AND state <> 'DELETED'");
        List<Object> parameters = new ArrayList<>(List.of(query.datastoreId()));
        for (SearchQuery.Condition condition : query.conditions()) {
            switch (condition) {
                case SearchQuery.Equals equals -> {
                    where.append(" AND ").append(column(equals.attribute())).append(" = ?");
                    parameters.add(equals.value());
                }
                case SearchQuery.Between between -> {
                    where.append(" AND ").append(column(between.field())).append(" BETWEEN ? AND ?");
                    parameters.add(between.from());
                    parameters.add(between.to());
                }
                case SearchQuery.PrimaryIs primary -> {
                    where.append(" AND is_primary = ?");
                    parameters.add(primary.primary() ? 1 : 0);
                }
            }
        }
        query.after().ifPresent(position -> {
            where.append(" AND (")
                    .append(sortColumn)
                    .append(", id) ")
                    .append(query.ascending() ? ">" : "<")
                    .append(" (?, ?)");
            parameters.add(position.position());
            parameters.add(position.id());
        });
        parameters.add(query.limit());
        return sql.query(
                "SELECT " + SET_COLUMNS + ", " + SUMMARY_COLUMNS + " FROM image_set WHERE " + where + " ORDER BY "
                        + sortColumn + " " + direction + ", id " + direction + " LIMIT ?",
                row -> new SearchResult(imageSet(row), summary(row, 16)),
                parameters.toArray());
    }

    private static String column(SearchQuery.SortField field) {
        return switch (field) {
            case UPDATED_AT -> "updated_at";
            case CREATED_AT -> "created_at";
            case STUDY_DATE_TIME -> "study_date_time";
        };
    }

    private static String column(SearchQuery.Attribute attribute) {
        return switch (attribute) {
            case PATIENT_ID -> "patient_id";
            case ACCESSION_NUMBER -> "accession_number";
            case STUDY_ID -> "study_id";
            case STUDY_INSTANCE_UID -> "study_instance_uid";
            case SERIES_INSTANCE_UID -> "series_instance_uid";
        };
    }

    @Override
    public void insertWork(PendingWork o) {
        sql.update(
                "INSERT INTO image_set_operation (image_set_id, version, kind, request, created_at, attempts) "
                        + "VALUES (?, ?, ?, ?, ?, 0)",
                o.imageSetId(),
                o.version(),
                o.kind().name(),
                o.plan(),
                System.currentTimeMillis());
    }

    @Override
    public Optional<PendingWork> findWork(PendingWork.Key key) {
        return sql.queryOne(
                "SELECT image_set_id, version, kind, request, attempts FROM image_set_operation "
                        + "WHERE image_set_id = ? AND version = ?",
                row -> new PendingWork(
                        row.getString(1),
                        row.getInt(2),
                        PendingWork.Kind.valueOf(row.getString(3)),
                        row.getString(4),
                        row.getInt(5)),
                key.imageSetId(),
                key.version());
    }

    @Override
    public List<PendingWork.Key> unstartedWork(int limit) {
        return sql.query(
                "SELECT image_set_id, version FROM image_set_operation WHERE attempts = 0 ORDER BY created_at LIMIT ?",
                row -> new PendingWork.Key(row.getString(1), row.getInt(2)),
                limit);
    }

    @Override
    public boolean startWork(PendingWork.Key key) {
        return sql.update(
                        "UPDATE image_set_operation SET attempts = attempts + 1 WHERE image_set_id = ? AND version = ?",
                        key.imageSetId(),
                        key.version())
                == 1;
    }

    @Override
    public void deleteWork(PendingWork.Key key) {
        sql.update(
                "DELETE FROM image_set_operation WHERE image_set_id = ? AND version = ?",
                key.imageSetId(),
                key.version());
    }

    @Override
    public Set<String> pendingWorkIds() {
        return new HashSet<>(sql.query(
                "SELECT image_set_id, version FROM image_set_operation",
                row -> new PendingWork.Key(row.getString(1), row.getInt(2)).workId()));
    }

    private static ImageSet imageSet(ResultSet row) throws SQLException {
        return new ImageSet(
                row.getString(1),
                row.getString(2),
                Instant.ofEpochMilli(row.getLong(3)),
                Instant.ofEpochMilli(row.getLong(4)),
                row.getInt(5),
                ImageSetState.valueOf(row.getString(6)),
                WorkflowStatus.valueOf(row.getString(7)),
                row.getInt(8) == 1,
                new ImageSetIdentity(
                        row.getString(9),
                        row.getString(10),
                        row.getString(11),
                        row.getString(12),
                        row.getString(13),
                        row.getString(14),
                        row.getString(15)));
    }

    /** {@link #SUMMARY_COLUMNS} from column {@code first} on. */
    private static ImageSetSummary summary(ResultSet row, int first) throws SQLException {
        return new ImageSetSummary(
                row.getString(first),
                row.getString(first + 1),
                row.getString(first + 2),
                row.getString(first + 3),
                row.getString(first + 4),
                row.getLong(first + 5),
                row.getString(first + 6),
                row.getString(first + 7),
                row.getInt(first + 8),
                row.getInt(first + 9));
    }

    private static DocumentPart part(ResultSet row) throws SQLException {
        return new DocumentPart(
                row.getString(3),
                row.getInt(1),
                row.getInt(2),
                new InstanceMetadata(
                        Sql.text(row, 4),
                        Sql.text(row, 5),
                        row.getBytes(6),
                        row.getBytes(7),
                        row.getBytes(8),
                        row.getBytes(9)));
    }

    private static String blob(ImageSetVersion v) {
        return v.document().flatMap(VersionDocument::blob).orElse(null);
    }

    private static Integer partsBase(ImageSetVersion v) {
        return v.document()
                .filter(d -> d.partsBase().isPresent())
                .map(d -> d.partsBase().getAsInt())
                .orElse(null);
    }

    private static String partsLevels(ImageSetVersion v) {
        return v.document().flatMap(VersionDocument::levels).orElse(null);
    }

    /** A row of {@link #VERSION_READ_COLUMNS}; the image set id is the one queried, not read again. */
    private static ImageSetVersion version(String imageSetId, ResultSet row) throws SQLException {
        long deletedAt = row.getLong(6);
        Optional<Instant> deleted = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deletedAt));
        return new ImageSetVersion(
                imageSetId,
                row.getInt(1),
                ImageSetState.valueOf(Sql.text(row, 2)),
                WorkflowStatus.valueOf(Sql.text(row, 3)),
                Instant.ofEpochMilli(row.getLong(4)),
                Instant.ofEpochMilli(row.getLong(5)),
                deleted,
                Optional.ofNullable(Sql.text(row, 7)),
                row.getInt(8) == 1,
                row.getInt(9) == 1,
                document(
                        Optional.ofNullable(Sql.text(row, 10)),
                        row.getInt(11),
                        row.wasNull(),
                        Optional.ofNullable(Sql.text(row, 12))));
    }

    private static Optional<VersionDocument> document(
            Optional<String> blob, int partsBase, boolean wholeOnly, Optional<String> levels) {
        if (blob.isEmpty() && wholeOnly) {
            return Optional.empty();
        }
        return Optional.of(new VersionDocument(
                blob,
                wholeOnly ? OptionalInt.empty() : OptionalInt.of(partsBase),
                wholeOnly ? Optional.empty() : levels));
    }

    private static StoredFrame frame(ResultSet row) throws SQLException {
        return new StoredFrame(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5));
    }

    private record BlobColumn(String table, String column) {}
}
