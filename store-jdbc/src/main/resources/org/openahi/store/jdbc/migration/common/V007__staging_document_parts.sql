-- Ingest (STOW-RS, DIMSE) stages each instance durably before folding it into an image set, and a version an ingest
-- makes records only the instances it adds, as parts of its document, so a write's cost does not grow with the image
-- set. JSON is stored as text (UTF-8) so one script serves SQLite and PostgreSQL.

-- Instances acknowledged (or about to be) and not yet folded: removed by the transaction that folds them.
CREATE TABLE staged_instance (
  id                  TEXT PRIMARY KEY,
  work_id             TEXT NOT NULL,
  datastore_id        TEXT NOT NULL,
  seq                 INTEGER NOT NULL,
  input_name          TEXT NOT NULL,
  staged_at           BIGINT NOT NULL,
  sop_class_uid       TEXT,
  sop_instance_uid    TEXT NOT NULL,
  warning             TEXT,
  -- The DICOM identity it is grouped by (see ImageSetIdentity).
  patient_id          TEXT,
  study_instance_uid  TEXT,
  study_date          TEXT,
  accession_number    TEXT,
  study_id            TEXT,
  series_instance_uid TEXT,
  series_number       TEXT,
  -- Its part of the metadata document (InstanceMetadata).
  patient_json        TEXT NOT NULL,
  study_json          TEXT NOT NULL,
  series_json         TEXT NOT NULL,
  instance_json       TEXT NOT NULL
);
CREATE INDEX staged_instance_by_age ON staged_instance (staged_at);

-- The frame blobs a staged instance's frames were written to; they count as references for the blob cleanup.
CREATE TABLE staged_frame (
  staged_id    TEXT NOT NULL REFERENCES staged_instance (id),
  position     INTEGER NOT NULL,
  frame_id     TEXT NOT NULL,
  blob_key     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  PRIMARY KEY (staged_id, position)
);
CREATE INDEX staged_frame_by_blob ON staged_frame (blob_key);

-- The instances a version folded in. A folded version's document is the document of version parts_base (0: none)
-- plus the parts of the versions after it up to its own, under the Patient, Study and Series attributes parts_levels
-- (JSON); metadata_blob is that document once written out whole.
CREATE TABLE document_part (
  image_set_id        TEXT NOT NULL REFERENCES image_set (id),
  version             INTEGER NOT NULL,
  seq                 INTEGER NOT NULL,
  part_id             TEXT NOT NULL,
  sop_instance_uid    TEXT NOT NULL,
  series_instance_uid TEXT NOT NULL,
  patient_json        TEXT NOT NULL,
  study_json          TEXT NOT NULL,
  series_json         TEXT NOT NULL,
  instance_json       TEXT NOT NULL,
  PRIMARY KEY (image_set_id, version, seq)
);
CREATE UNIQUE INDEX document_part_by_id ON document_part (part_id);

ALTER TABLE image_set_version ADD COLUMN parts_base INTEGER;
ALTER TABLE image_set_version ADD COLUMN parts_levels TEXT;
