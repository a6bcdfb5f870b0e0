-- StartDICOMImportJob's DICOM JSON metadata mappings (a JSON array, null without an importConfiguration), and the
-- attributes each imported file took from them (JSON, null when none), which the job's manifests list.
ALTER TABLE import_job ADD COLUMN metadata_mappings TEXT;
ALTER TABLE import_job_file ADD COLUMN metadata_overrides TEXT;
