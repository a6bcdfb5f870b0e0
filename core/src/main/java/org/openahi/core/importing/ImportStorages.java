package org.openahi.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.openahi.core.error.InvalidRequest;

/** Dispatches each URI to the storage that serves its scheme. */
public final class ImportStorages implements ImportStorage {
    private final List<ImportStorage> storages;

    public ImportStorages(List<ImportStorage> storages) {
        this.storages = List.copyOf(storages);
    }

    @Override
    public boolean serves(String uri) {
        return storages.stream().anyMatch(storage -> storage.serves(uri));
    }

    @Override
    public void checkAllowed(String uri) {
        storageFor(uri).checkAllowed(uri);
    }

    @Override
    public List<InputObject> list(String folderUri) throws IOException {
        return storageFor(folderUri).list(folderUri);
    }

    @Override
    public InputStream open(InputObject object) throws IOException {
        return storageFor(object.uri()).open(object);
    }

    @Override
    public void write(String folderUri, String name, byte[] content) throws IOException {
        storageFor(folderUri).write(folderUri, name, content);
    }

    @Override
    public void write(String folderUri, String name, Path content) throws IOException {
        storageFor(folderUri).write(folderUri, name, content);
    }

    private ImportStorage storageFor(String uri) {
        return storages.stream()
                .filter(storage -> storage.serves(uri))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidRequest("Unsupported URI '" + uri + "': use s3://bucket/prefix or file:///folder"));
    }
}
