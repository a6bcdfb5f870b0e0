package org.openahi.core.memory;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.importing.ImportStorage;

/**
 * Import and export folders on the heap, named {@code memory://<bucket>/<path>/}: a file is kept under its whole URI,
 * which is also the key manifests name it by.
 */
public final class MemoryImportStorage implements ImportStorage {
    public static final String SCHEME = "memory://";

    private final ConcurrentSkipListMap<String, byte[]> files = new ConcurrentSkipListMap<>();

    @Override
    public boolean serves(String uri) {
        return uri.startsWith(SCHEME);
    }

    @Override
    public void checkAllowed(String uri) {
        if (!serves(uri) || uri.length() == SCHEME.length()) {
            throw new InvalidRequest("Unsupported URI '" + uri + "': use " + SCHEME + "bucket/prefix/");
        }
    }

    /** Puts a file at {@code uri}, as a client does before it starts an import job. */
    public void put(String uri, byte[] content) {
        checkAllowed(uri);
        files.put(uri, content.clone());
    }

    @Override
    public List<InputObject> list(String folderUri) {
        String folder = folder(folderUri);
        return files.tailMap(folder).entrySet().stream()
                .takeWhile(entry -> entry.getKey().startsWith(folder))
                .map(entry -> new InputObject(entry.getKey(), entry.getKey(), entry.getValue().length))
                .toList();
    }

    @Override
    public InputStream open(InputObject object) throws IOException {
        byte[] content = files.get(object.uri());
        if (content == null) {
            throw new FileNotFoundException(object.uri() + " does not exist");
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void write(String folderUri, String name, byte[] content) {
        files.put(folder(folderUri) + name, content.clone());
    }

    @Override
    public void write(String folderUri, String name, Path content) throws IOException {
        files.put(folder(folderUri) + name, Files.readAllBytes(content));
    }

    private String folder(String folderUri) {
        checkAllowed(folderUri);
        return folderUri.endsWith("/") ? folderUri : folderUri + "/";
    }
}
