package org.openahi.store.jdbc;

import java.sql.SQLException;

/** A database failure the store could not recover from by retrying. */
public final class JdbcStoreException extends RuntimeException {
    JdbcStoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    SQLException sqlException() {
        return (SQLException) getCause();
    }
}
