package org.openahi.core.importing;

/** The model's {@code JobStatus}. */
public enum ImportJobStatus {
    SUBMITTED,
    IN_PROGRESS,
    COMPLETED,
    FAILED
}
