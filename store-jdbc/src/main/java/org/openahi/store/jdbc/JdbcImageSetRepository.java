package org.openahi.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetRepository;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.WorkflowStatus;

final class JdbcImageSetRepository implements ImageSetRepository {
  private static final String SET_COLUMNS = "id, datastore_id, created_at, latest_version, state, workflow_status, "
      + "is_primary, patient_id, study_instance_uid, study_date, accession_number, study_id, series_instance_uid, "
      + "series_number";
  private static final String VERSION_COLUMNS = "image_set_id, version, state, workflow_status, created_at, updated_at, "
      + "deleted_at, message, forced, is_primary, metadata_blob";

  private final Sql sql;

  JdbcImageSetRepository(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void insert(ImageSet s) {
    ImageSetIdentity i = s.identity();
    sql.update("INSERT INTO image_set (" + SET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(), s.datastoreId(), s.createdAt().toEpochMilli(), s.latestVersion(), s.state().name(),
        s.workflowStatus().name(), s.primary() ? 1 : 0, i.patientId(), i.studyInstanceUid(), i.studyDate(),
        i.accessionNumber(), i.studyId(), i.seriesInstanceUid(), i.seriesNumber());
  }

  @Override
  public Optional<ImageSet> find(String datastoreId, String imageSetId) {
    return sql.queryOne("SELECT " + SET_COLUMNS + " FROM image_set WHERE id = ? AND datastore_id = ?",
        JdbcImageSetRepository::imageSet, imageSetId, datastoreId);
  }

  @Override
  public Optional<ImageSet> findPrimary(String datastoreId, String seriesInstanceUid) {
    return sql.queryOne("SELECT " + SET_COLUMNS + " FROM image_set WHERE datastore_id = ? AND series_instance_uid = ? "
        + "AND is_primary = 1 AND state <> 'DELETED'", JdbcImageSetRepository::imageSet, datastoreId, seriesInstanceUid);
  }

  @Override
  public void update(ImageSet s) {
    ImageSetIdentity i = s.identity();
    sql.update("UPDATE image_set SET latest_version = ?, state = ?, workflow_status = ?, is_primary = ?, patient_id = ?, "
            + "study_instance_uid = ?, study_date = ?, accession_number = ?, study_id = ?, series_instance_uid = ?, "
            + "series_number = ? WHERE id = ?",
        s.latestVersion(), s.state().name(), s.workflowStatus().name(), s.primary() ? 1 : 0, i.patientId(),
        i.studyInstanceUid(), i.studyDate(), i.accessionNumber(), i.studyId(), i.seriesInstanceUid(), i.seriesNumber(),
        s.id());
  }

  @Override
  public void insertVersion(ImageSetVersion v) {
    sql.update("INSERT INTO image_set_version (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        v.imageSetId(), v.version(), v.state().name(), v.workflowStatus().name(), v.createdAt().toEpochMilli(),
        v.updatedAt().toEpochMilli(), v.deletedAt().map(Instant::toEpochMilli).orElse(null), v.message().orElse(null),
        v.forced() ? 1 : 0, v.primary() ? 1 : 0, v.metadataBlob().orElse(null));
  }

  @Override
  public Optional<ImageSetVersion> findVersion(String imageSetId, int version) {
    return sql.queryOne("SELECT " + VERSION_COLUMNS + " FROM image_set_version WHERE image_set_id = ? AND version = ?",
        JdbcImageSetRepository::version, imageSetId, version);
  }

  @Override
  public void insertFrame(StoredFrame f) {
    sql.update("INSERT INTO image_frame (image_set_id, frame_id, blob_key, content_type, size) VALUES (?, ?, ?, ?, ?)",
        f.imageSetId(), f.frameId(), f.blobKey(), f.contentType(), f.size());
  }

  @Override
  public Optional<StoredFrame> findFrame(String imageSetId, String frameId) {
    return sql.queryOne("SELECT image_set_id, frame_id, blob_key, content_type, size FROM image_frame "
            + "WHERE image_set_id = ? AND frame_id = ?",
        row -> new StoredFrame(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5)),
        imageSetId, frameId);
  }

  @Override
  public int countNotDeleted(String datastoreId) {
    return sql.queryOne("SELECT COUNT(*) FROM image_set WHERE datastore_id = ? AND state <> 'DELETED'",
        row -> row.getInt(1), datastoreId).orElse(0);
  }

  @Override
  public boolean referencesBlob(String key) {
    return sql.queryOne("SELECT 1 FROM image_frame WHERE blob_key = ? UNION ALL "
        + "SELECT 1 FROM image_set_version WHERE metadata_blob = ?", row -> true, key, key).isPresent();
  }

  private static ImageSet imageSet(ResultSet row) throws SQLException {
    return new ImageSet(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)), row.getInt(4),
        ImageSetState.valueOf(row.getString(5)), WorkflowStatus.valueOf(row.getString(6)), row.getInt(7) == 1,
        new ImageSetIdentity(row.getString(8), row.getString(9), row.getString(10), row.getString(11),
            row.getString(12), row.getString(13), row.getString(14)));
  }

  private static ImageSetVersion version(ResultSet row) throws SQLException {
    long deletedAt = row.getLong(7);
    Optional<Instant> deleted = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deletedAt));
    return new ImageSetVersion(row.getString(1), row.getInt(2), ImageSetState.valueOf(row.getString(3)),
        WorkflowStatus.valueOf(row.getString(4)), Instant.ofEpochMilli(row.getLong(5)),
        Instant.ofEpochMilli(row.getLong(6)), deleted, Optional.ofNullable(row.getString(8)), row.getInt(9) == 1,
        row.getInt(10) == 1, Optional.ofNullable(row.getString(11)));
  }
}
