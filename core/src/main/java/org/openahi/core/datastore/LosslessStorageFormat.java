package org.openahi.core.datastore;

/** How a data store keeps lossless frames; chosen at creation and never changed. */
public enum LosslessStorageFormat {
    HTJ2K,
    JPEG_2000_LOSSLESS
}
