package org.openahi.conformance;

import java.util.List;

/**
 * What a test server stores on: a metadata database and a blob store. The conformance contracts run over every
 * combination ({@link #all}), so each behaviour is shown on each storage a deployment may choose.
 */
record Storage(Backend database, BlobBackend blobs) {
    static List<Storage> all() {
        return List.of(
                new Storage(Backend.SQLITE, BlobBackend.FILESYSTEM),
                new Storage(Backend.SQLITE, BlobBackend.S3),
                new Storage(Backend.POSTGRESQL, BlobBackend.FILESYSTEM),
                new Storage(Backend.POSTGRESQL, BlobBackend.S3));
    }

    @Override
    public String toString() {
        return database + " + " + blobs;
    }
}
