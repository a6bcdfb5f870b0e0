package org.openahi.core.importing;

/**
 * Why one input file (of an import job, a STOW-RS request or a C-STORE) was not imported. Each front door words it
 * its own way: the job's FAILURE manifest as an AWS exception type, STOW-RS and DIMSE as a failure reason.
 */
public enum FileFailure {
    /** The file is not an instance openahi can take (unreadable, a required attribute missing or invalid, too big). */
    INVALID_FILE,
    /** The instance is larger than one request may carry (STOW-RS, C-STORE). */
    TOO_LARGE,
    /** The file could not be imported because of a server fault. */
    SERVER_ERROR
}
