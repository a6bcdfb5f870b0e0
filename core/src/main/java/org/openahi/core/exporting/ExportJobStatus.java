package org.openahi.core.exporting;

/** An export job's status, named as an import job's are. */
public enum ExportJobStatus {
    SUBMITTED,
    IN_PROGRESS,
    COMPLETED,
    FAILED
}
