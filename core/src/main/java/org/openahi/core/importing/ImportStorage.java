package org.openahi.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where import jobs read DICOM files from and write their manifests to: folders named by URIs such as
 * {@code s3://bucket/prefix/} or {@code file:///data/incoming/}. Implementations say which URIs they serve.
 */
public interface ImportStorage {

    /** An object under an input folder; {@code key} is what the manifests name it by. */
    record InputObject(String uri, String key, long size) {}

    /** Whether this storage serves the URI's scheme. */
    boolean serves(String uri);

    /** Checks, before a job is accepted, that the URI is one this storage may read or write; explains why not. */
    void checkAllowed(String uri);

    /** Every object under the folder, recursively, in key order. */
    List<InputObject> list(String folderUri) throws IOException;

    InputStream open(InputObject object) throws IOException;

    /** Writes (or replaces) {@code name} inside the folder, creating what is needed. */
    void write(String folderUri, String name, byte[] content) throws IOException;

    /** Writes (or replaces) {@code name} inside the folder with the file's content, streamed (export jobs). */
    void write(String folderUri, String name, Path content) throws IOException;
}
