package org.openahi.core.work;

/**
 * Why background work ended FAILED (or, for {@link #IN_PROGRESS}, how far it has come): the first word of the
 * message an import job or an image set version records, written {@code CODE: text} as AHI writes its job and
 * version messages. The message is what clients read, so its text is kept exactly as written.
 */
public enum FailureCode {
    /** A job's progress, while it runs (not a failure; the message shape is the same). */
    IN_PROGRESS,
    /** The request behind the work breaks a rule found only when the work runs (a copy's or an update's content). */
    INVALID_REQUEST,
    /** The work collided with another write (an import's primary image set changed under it). */
    CONFLICT,
    /** An import job's input folder could not be listed or read. */
    INPUT_NOT_READABLE,
    /** An import job's input exceeds the job limits. */
    INPUT_LIMIT,
    /** An import job's image sets were committed, but its manifests could not be written. */
    OUTPUT_WRITE_FAILED,
    /** The server stopped while the work ran, or runs were interrupted too often and the work was given up. */
    INTERRUPTED,
    /** The work failed on a server fault; the server log has the details. */
    INTERNAL_ERROR;

    /** The stored message: {@code CODE: text}. */
    public String message(String text) {
        return name() + ": " + text;
    }
}
