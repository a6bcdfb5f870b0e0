package org.openahi.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.blob.BlobStore;
import org.openahi.store.tck.BlobStoreContract;

class FileSystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    protected BlobStore openStore() throws IOException {
        return new FileSystemBlobStore(root);
    }

    @Test
    void keysFanOutIntoTwoDirectoryLevels() throws IOException {
        store.put("frames/0123abcd", new ByteArrayInputStream(new byte[] {1}), 1);
        assertThat(root.resolve("frames/01/23/0123abcd")).exists();
        assertThat(root.resolve(FileSystemBlobStore.FORMAT_MARKER)).hasContent("{\"format\":1}");
    }

    @Test
    void temporaryFilesACrashLeftBehindAreRemovedWhenTheStoreOpens() throws IOException {
        Path leftover = Files.writeString(root.resolve(".tmp").resolve("interrupted-put"), "partial");
        new FileSystemBlobStore(root).close();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void keysCannotEscapeTheRoot() {
        assertThatThrownBy(() -> store.get("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("/absolute")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDirectoryInAnUnknownFormatIsRefused() throws IOException {
        Files.writeString(root.resolve(FileSystemBlobStore.FORMAT_MARKER), "{\"format\":2}\n");
        assertThatThrownBy(() -> new FileSystemBlobStore(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("newer");
    }
}
