-- Versions share documents (a revert or a failed operation points at an earlier version's document), so blob
-- reclamation asks whether any version still refers to a document.
CREATE INDEX image_set_version_by_document ON image_set_version (metadata_blob);
