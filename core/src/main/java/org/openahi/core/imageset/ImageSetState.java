package org.openahi.core.imageset;

/** The model's {@code ImageSetState}. */
public enum ImageSetState {
    ACTIVE,
    LOCKED,
    DELETED
}
