package org.openahi.store.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.TieredBlobStore;
import org.openahi.store.tck.BlobStoreContract;

/** Two folders as one blob store: the contract holds, and blobs move between the folders and read back bit-exact. */
class TieredBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    private TieredBlobStore tiered() {
        return (TieredBlobStore) store;
    }

    @Override
    protected BlobStore openStore() throws IOException {
        return new TieredBlobStore(
                new FileSystemBlobStore(root.resolve("primary")), new FileSystemBlobStore(root.resolve("archive")));
    }

    private Path primaryFile(String key) throws IOException {
        return new FileSystemBlobStore(root.resolve("primary")).pathOf(key);
    }

    private Path archiveFile(String key) throws IOException {
        return new FileSystemBlobStore(root.resolve("archive")).pathOf(key);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aBlobMovesToTheArchiveAndIsCopiedBackAndReadsTheSameWherever() throws IOException {
        byte[] content = random(1 << 20);
        store.put("frames/abcdef", new ByteArrayInputStream(content), content.length);
        assertThat(primaryFile("frames/abcdef")).exists();

        assertThat(tiered().archive("frames/abcdef", () -> true)).isTrue();
        assertThat(primaryFile("frames/abcdef")).doesNotExist();
        assertThat(archiveFile("frames/abcdef")).exists();
        assertThat(read("frames/abcdef")).isEqualTo(content);
        assertThat(tiered().archive("frames/abcdef", () -> true))
                .as("already archived")
                .isFalse();

        assertThat(tiered().restore("frames/abcdef")).isTrue();
        assertThat(primaryFile("frames/abcdef")).exists();
        assertThat(archiveFile("frames/abcdef")).as("the archived copy stays").exists();
        assertThat(read("frames/abcdef")).isEqualTo(content);
        assertThat(tiered().restore("frames/abcdef")).as("already restored").isFalse();
        assertThat(tiered().archive("frames/abcdef", () -> true)).isTrue();
        assertThat(primaryFile("frames/abcdef")).doesNotExist();
        assertThat(read("frames/abcdef")).isEqualTo(content);
    }

    @Test
    void anArchiveNoLongerWantedKeepsTheOriginalAndBothCopiesRead() throws IOException {
        byte[] content = random(4096);
        store.put("frames/012345", new ByteArrayInputStream(content), content.length);
        assertThat(tiered().archive("frames/012345", () -> false)).isFalse();
        assertThat(primaryFile("frames/012345")).exists();
        assertThat(archiveFile("frames/012345")).exists();
        assertThat(read("frames/012345")).isEqualTo(content);
        assertThat(store.list("frames/")).hasSize(2);
        store.delete("frames/012345");
        assertThat(primaryFile("frames/012345")).doesNotExist();
        assertThat(archiveFile("frames/012345")).doesNotExist();
        assertThat(tiered().archive("frames/012345", () -> true))
                .as("a blob that is gone")
                .isFalse();
        assertThat(tiered().restore("frames/012345")).isFalse();
    }
}
