package org.openahi.core.imageset;

/** The model's {@code ImageSetWorkflowStatus}. */
public enum WorkflowStatus {
    CREATED,
    COPIED,
    COPYING,
    COPYING_WITH_READ_ONLY_ACCESS,
    COPY_FAILED,
    UPDATING,
    UPDATING_FOR_STUDY_CONSISTENCY,
    UPDATED,
    UPDATE_FAILED,
    DELETING,
    DELETED,
    IMPORTING,
    IMPORTED,
    IMPORT_FAILED
}
