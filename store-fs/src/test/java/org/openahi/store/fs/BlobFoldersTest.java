package org.openahi.store.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobFoldersTest {
    @TempDir
    Path live;

    @TempDir
    Path copy;

    @Test
    void aSecondCopyCopiesOnlyWhatWasWrittenSinceTheFirst() throws IOException {
        try (FileSystemBlobStore store = new FileSystemBlobStore(live)) {
            put(store, "frames/job1/aaaa", 3);
            put(store, "metadata/bbbb", 5);
            assertThat(BlobFolders.copyMissing(live, copy)).isEqualTo(3); // two blobs and the format marker
            put(store, "frames/job2/cccc", 7);
            assertThat(BlobFolders.copyMissing(live, copy)).isEqualTo(1);
        }
        try (FileSystemBlobStore copied = new FileSystemBlobStore(copy)) {
            assertThat(copied.get("frames/job2/cccc").readAllBytes()).hasSize(7);
            assertThat(copied.get("metadata/bbbb").readAllBytes()).hasSize(5);
        }
        assertThat(BlobFolders.missing(copy, List.of("frames/job1/aaaa", "frames/job1/dddd", "metadata/bbbb")))
                .containsExactly("frames/job1/dddd");
    }

    @Test
    void theStoresTemporaryFilesAreNotCopied() throws IOException {
        new FileSystemBlobStore(live).close();
        Files.writeString(live.resolve(FileSystemBlobStore.TEMPORARY_FOLDER).resolve("put-in-flight"), "partial");
        assertThat(BlobFolders.copyMissing(live, copy)).isEqualTo(1); // the format marker
        assertThat(copy.resolve(FileSystemBlobStore.TEMPORARY_FOLDER)).isEmptyDirectory();
        assertThat(live.resolve(FileSystemBlobStore.TEMPORARY_FOLDER).resolve("put-in-flight"))
                .as("left for the server that writes it")
                .exists();
    }

    private static void put(FileSystemBlobStore store, String key, int size) throws IOException {
        store.put(key, new ByteArrayInputStream(new byte[size]), size);
    }
}
