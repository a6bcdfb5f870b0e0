-- Image sets with their version history and frames; DICOM import jobs with their per-file outcomes.
-- Booleans are INTEGER 0/1 so one script serves SQLite and PostgreSQL.

CREATE TABLE image_set (
  id                  TEXT PRIMARY KEY,
  datastore_id        TEXT NOT NULL REFERENCES datastore (id),
  created_at          BIGINT NOT NULL,
  latest_version      INTEGER NOT NULL,
  state               TEXT NOT NULL,
  workflow_status     TEXT NOT NULL,
  is_primary          INTEGER NOT NULL,
  -- The DICOM identity an import groups instances by (see ImageSetIdentity).
  patient_id          TEXT,
  study_instance_uid  TEXT,
  study_date          TEXT,
  accession_number    TEXT,
  study_id            TEXT,
  series_instance_uid TEXT,
  series_number       TEXT
);

-- Each series has at most one live primary image set per data store.
CREATE UNIQUE INDEX image_set_primary_series ON image_set (datastore_id, series_instance_uid)
  WHERE is_primary = 1 AND state <> 'DELETED';
CREATE INDEX image_set_by_datastore ON image_set (datastore_id, state);

-- Every version keeps its own properties and its own immutable metadata document (a gzip blob).
CREATE TABLE image_set_version (
  image_set_id    TEXT NOT NULL REFERENCES image_set (id),
  version         INTEGER NOT NULL,
  state           TEXT NOT NULL,
  workflow_status TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  deleted_at      BIGINT,
  message         TEXT,
  forced          INTEGER NOT NULL,
  is_primary      INTEGER NOT NULL,
  metadata_blob   TEXT,
  PRIMARY KEY (image_set_id, version)
);

-- Frames belong to an image set and are shared by all its versions; blobs are never copied.
CREATE TABLE image_frame (
  image_set_id TEXT NOT NULL REFERENCES image_set (id),
  frame_id     TEXT NOT NULL,
  blob_key     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  PRIMARY KEY (image_set_id, frame_id)
);
CREATE INDEX image_frame_by_blob ON image_frame (blob_key);

CREATE TABLE import_job (
  id                     TEXT PRIMARY KEY,
  datastore_id           TEXT NOT NULL REFERENCES datastore (id),
  name                   TEXT,
  status                 TEXT NOT NULL,
  data_access_role_arn   TEXT NOT NULL,
  input_uri              TEXT NOT NULL,
  output_uri             TEXT NOT NULL,
  input_owner_account_id TEXT,
  import_configuration   TEXT,
  submitted_at           BIGINT NOT NULL,
  ended_at               BIGINT,
  message                TEXT,
  attempts               INTEGER NOT NULL,
  -- The node running the job holds a lease it renews; a job whose lease ran out was interrupted.
  owner                  TEXT,
  lease_expires_at       BIGINT,
  -- Image sets are committed, but the output manifests are not all written yet.
  outputs_pending        INTEGER NOT NULL,
  files_scanned          BIGINT NOT NULL,
  files_imported         BIGINT NOT NULL,
  files_failed           BIGINT NOT NULL
);
CREATE INDEX import_job_by_datastore_newest_first ON import_job (datastore_id, submitted_at DESC, id DESC);
CREATE INDEX import_job_by_status ON import_job (status);

-- What happened to each input file of a job, committed with the job's image sets so the output manifests
-- can always be written again.
CREATE TABLE import_job_file (
  job_id            TEXT NOT NULL REFERENCES import_job (id),
  seq               INTEGER NOT NULL,
  input_file        TEXT NOT NULL,
  outcome           TEXT NOT NULL,
  image_set_id      TEXT,
  image_set_version INTEGER,
  is_primary        INTEGER,
  exception_type    TEXT,
  message           TEXT,
  PRIMARY KEY (job_id, seq)
);
