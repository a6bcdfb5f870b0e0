-- Storage Commitment (the DICOM listener) asks whether instances are held, by SOP Instance UID alone.
CREATE INDEX image_set_instance_by_sop_uid ON image_set_instance (sop_instance_uid);
