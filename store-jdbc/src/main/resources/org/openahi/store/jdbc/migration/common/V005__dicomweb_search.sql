-- What QIDO-RS (DICOMweb search) matches and returns beyond SearchImageSets' columns, kept for each image set's
-- latest version: two more study and series attributes, the series number as a number (for order and matching),
-- and one row per instance. Image sets indexed before this migration have qido_indexed = 0 until the server's
-- start-up backfill reads their latest document.

ALTER TABLE image_set ADD COLUMN referring_physician_name TEXT;
ALTER TABLE image_set ADD COLUMN series_description TEXT;
ALTER TABLE image_set ADD COLUMN series_number_value BIGINT;
ALTER TABLE image_set ADD COLUMN qido_indexed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE image_set_instance (
  image_set_id        TEXT NOT NULL REFERENCES image_set (id),
  sop_instance_uid    TEXT NOT NULL,
  series_instance_uid TEXT NOT NULL,
  sop_class_uid       TEXT,
  instance_number     BIGINT,
  number_of_frames    BIGINT,
  pixel_rows          INTEGER,
  pixel_columns       INTEGER,
  PRIMARY KEY (image_set_id, sop_instance_uid)
);
-- Instances of a series in InstanceNumber order.
CREATE INDEX image_set_instance_by_number ON image_set_instance (image_set_id, instance_number);

-- Studies are found among the primary image sets of a data store; these serve the common keys that
-- SearchImageSets' indexes (patient id, accession number, study id, study and series uid) do not.
CREATE INDEX image_set_qido_study_date ON image_set (datastore_id, study_date);
CREATE INDEX image_set_qido_modality ON image_set (datastore_id, series_modality);
CREATE INDEX image_set_qido_unindexed ON image_set (qido_indexed);
