package org.openahi.server.backup;

/** A backup or restore that cannot be done as asked, saying why and what to do. */
public final class BackupException extends RuntimeException {
    BackupException(String message) {
        super(message);
    }

    BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
