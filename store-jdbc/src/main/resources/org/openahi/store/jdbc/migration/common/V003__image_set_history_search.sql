-- What SearchImageSets filters, sorts and returns, kept on each image set for its latest version; and the
-- background work of UpdateImageSetMetadata, CopyImageSet and DeleteImageSet.

ALTER TABLE image_set ADD COLUMN updated_at BIGINT;
UPDATE image_set SET updated_at = created_at;
ALTER TABLE image_set ADD COLUMN patient_name TEXT;
ALTER TABLE image_set ADD COLUMN patient_birth_date TEXT;
ALTER TABLE image_set ADD COLUMN patient_sex TEXT;
ALTER TABLE image_set ADD COLUMN study_description TEXT;
ALTER TABLE image_set ADD COLUMN study_time TEXT;
-- Study date and time as a number yyyyMMddHHmmssSSS (0 when unknown), for sorting and ranges.
ALTER TABLE image_set ADD COLUMN study_date_time BIGINT;
ALTER TABLE image_set ADD COLUMN series_modality TEXT;
ALTER TABLE image_set ADD COLUMN series_body_part TEXT;
ALTER TABLE image_set ADD COLUMN series_count INTEGER;
ALTER TABLE image_set ADD COLUMN instance_count INTEGER;

-- SearchImageSets: each sort order, and each EQUAL filter, within one data store.
CREATE INDEX image_set_search_updated ON image_set (datastore_id, updated_at, id);
CREATE INDEX image_set_search_created ON image_set (datastore_id, created_at, id);
CREATE INDEX image_set_search_study_date_time ON image_set (datastore_id, study_date_time, id);
CREATE INDEX image_set_search_patient_id ON image_set (datastore_id, patient_id);
CREATE INDEX image_set_search_accession ON image_set (datastore_id, accession_number);
CREATE INDEX image_set_search_study_id ON image_set (datastore_id, study_id);
CREATE INDEX image_set_search_study_uid ON image_set (datastore_id, study_instance_uid);
CREATE INDEX image_set_search_series_uid ON image_set (datastore_id, series_instance_uid);

-- Work a write left LOCKED for the background: the version it will complete, what to do, and the lease of
-- the node doing it (so a node's death hands the work to another, or to itself after a restart).
CREATE TABLE image_set_operation (
  image_set_id     TEXT NOT NULL REFERENCES image_set (id),
  version          INTEGER NOT NULL,
  kind             TEXT NOT NULL,
  request          TEXT NOT NULL,
  created_at       BIGINT NOT NULL,
  attempts         INTEGER NOT NULL,
  owner            TEXT,
  lease_expires_at BIGINT,
  PRIMARY KEY (image_set_id, version)
);
