package org.openahi.core.store;

import java.util.UUID;

/** Resource identifiers in AHI's form: 32 lowercase hexadecimal characters. */
public final class Ids {
    private Ids() {}

    /** A random (version 4) UUID without dashes, as AHI's data store ids look. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
