package org.openahi.core.datastore;

/** The model's {@code DatastoreStatus} values. */
public enum DatastoreStatus {
    CREATING,
    CREATE_FAILED,
    ACTIVE,
    DELETING,
    DELETED
}
