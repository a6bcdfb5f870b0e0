package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openahi.core.importing.ImportStorage;
import org.openahi.core.importing.ImportStorage.InputObject;

/**
 * The behaviour every {@link ImportStorage} must show (where import jobs read their input and write their manifests);
 * each implementation's test extends this class and says how to make a folder and put a client's file in it.
 */
public abstract class ImportStorageContract {
    protected ImportStorage storage;
    private String folder;

    /** The storage under test. */
    protected abstract ImportStorage openStorage() throws Exception;

    /** The URI of a new, empty folder the storage may read and write, ending in {@code /}. */
    protected abstract String newFolder() throws Exception;

    /** Puts a file at a path relative to the folder, as a client does before it starts an import job. */
    protected abstract void putInput(String folderUri, String relativePath, byte[] content) throws Exception;

    @BeforeEach
    void open() throws Exception {
        storage = openStorage();
        folder = newFolder();
    }

    @Test
    void servesItsFoldersAndAllowsThem() {
        assertThat(storage.serves(folder)).isTrue();
        assertThat(storage.serves("ftp://example.com/in/")).isFalse();
        storage.checkAllowed(folder);
    }

    @Test
    void anEmptyFolderListsNothing() throws Exception {
        assertThat(storage.list(folder)).isEmpty();
    }

    @Test
    void listsEveryFileBelowTheFolderInKeyOrderWithItsSizeAndContent() throws Exception {
        putInput(folder, "b.dcm", bytes("bbb"));
        putInput(folder, "a/z.dcm", bytes("zzzzz"));
        putInput(folder, "a/b/c.dcm", bytes("c"));

        List<InputObject> objects = storage.list(folder);

        assertThat(objects).extracting(InputObject::key).isSorted().doesNotHaveDuplicates();
        assertThat(objects).hasSize(3);
        assertThat(objects.get(0).key()).endsWith("/a/b/c.dcm");
        assertThat(objects.get(1).key()).endsWith("/a/z.dcm");
        assertThat(objects.get(2).key()).endsWith("/b.dcm");
        assertThat(objects).extracting(InputObject::size).containsExactly(1L, 5L, 3L);
        assertThat(read(objects.get(1))).isEqualTo("zzzzz");
    }

    @Test
    void aSiblingFolderSharingTheNamesPrefixIsNotListed() throws Exception {
        String sibling = folder.substring(0, folder.length() - 1) + "-sibling/";
        putInput(sibling, "x.dcm", bytes("x"));
        putInput(folder, "y.dcm", bytes("y"));

        List<InputObject> objects = storage.list(folder);
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).endsWith("/y.dcm");
    }

    @Test
    void writeCreatesAFileInANewSubfolderAndReplacesIt() throws Exception {
        storage.write(folder, "results/job-1/SUCCESS/success.ndjson", bytes("first"));
        storage.write(folder, "results/job-1/SUCCESS/success.ndjson", bytes("second"));

        List<InputObject> objects = storage.list(folder);
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).endsWith("/results/job-1/SUCCESS/success.ndjson");
        assertThat(read(objects.get(0))).isEqualTo("second");
        assertThat(objects.get(0).size()).isEqualTo(6);
    }

    @Test
    void aFileIsWrittenFromAPathAsWell() throws Exception {
        java.nio.file.Path source = java.nio.file.Files.createTempFile("openahi-tck-", ".dcm");
        try {
            java.nio.file.Files.write(source, bytes("from a file"));
            storage.write(folder, "1.2.3/1.2.3.4/1.2.3.4.5.dcm", source);
        } finally {
            java.nio.file.Files.delete(source);
        }
        List<InputObject> objects = storage.list(folder);
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).endsWith("/1.2.3/1.2.3.4/1.2.3.4.5.dcm");
        assertThat(read(objects.get(0))).isEqualTo("from a file");
    }

    private String read(InputObject object) throws IOException {
        try (InputStream in = storage.open(object)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
