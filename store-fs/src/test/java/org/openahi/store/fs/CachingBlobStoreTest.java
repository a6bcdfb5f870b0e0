package org.openahi.store.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.CachingBlobStore;
import org.openahi.store.tck.BlobStoreContract;

/** The cache in front of a folder: the contract holds, and what it keeps, serves and evicts. */
class CachingBlobStoreTest extends BlobStoreContract {
    private static final long BOUND = 8000;

    @TempDir
    Path root;

    private FileSystemBlobStore folder;

    @Override
    protected BlobStore openStore() throws IOException {
        folder = new FileSystemBlobStore(root);
        return new CachingBlobStore(folder, BOUND);
    }

    private CachingBlobStore cache() {
        return (CachingBlobStore) store;
    }

    @Test
    void aSecondReadIsServedFromMemoryEvenOnceTheFileIsGone() throws IOException {
        byte[] frame = put("frames/w/f1", 900);
        assertThat(read("frames/w/f1")).isEqualTo(frame);
        Files.delete(folder.pathOf("frames/w/f1"));
        assertThat(read("frames/w/f1")).isEqualTo(frame);
        assertThat(cache().counts()).isEqualTo(new CachingBlobStore.Counts(1, 1, 900));
    }

    @Test
    void theLeastRecentlyReadAreEvictedBeyondTheBound() throws IOException {
        for (int i = 0; i < 9; i++) {
            put("frames/w/f" + i, 1000);
            read("frames/w/f" + i);
            read("frames/w/f0"); // kept recent
        }
        assertThat(cache().counts().bytes()).isEqualTo(BOUND);
        long misses = cache().counts().misses();
        read("frames/w/f0");
        read("frames/w/f8");
        assertThat(cache().counts().misses()).as("f0 and f8 still cached").isEqualTo(misses);
        read("frames/w/f1");
        assertThat(cache().counts().misses())
                .as("f1, the least recently read, was evicted")
                .isEqualTo(misses + 1);
    }

    @Test
    void aBlobBiggerThanAnEighthOfTheBoundIsReadWholeButNotKept() throws IOException {
        byte[] large = put("frames/w/large", (int) BOUND / 8 + 1);
        assertThat(read("frames/w/large")).isEqualTo(large);
        assertThat(read("frames/w/large")).isEqualTo(large);
        assertThat(cache().counts()).isEqualTo(new CachingBlobStore.Counts(0, 2, 0));
    }

    @Test
    void deletingAndWritingAKeyEvictIt() throws IOException {
        put("metadata/w/d", 100);
        read("metadata/w/d");
        store.delete("metadata/w/d");
        assertThat(cache().counts().bytes()).isZero();
        byte[] again = put("metadata/w/d", 50);
        read("metadata/w/d");
        byte[] replaced = put("metadata/w/d", 60);
        assertThat(read("metadata/w/d")).isEqualTo(replaced).isNotEqualTo(again);
    }

    @Test
    void aBoundOfZeroKeepsNothing() throws IOException {
        try (CachingBlobStore off = new CachingBlobStore(new FileSystemBlobStore(root.resolve("off")), 0)) {
            off.put("frames/w/f", new ByteArrayInputStream(new byte[10]), 10);
            try (InputStream in = off.get("frames/w/f")) {
                assertThat(in.readAllBytes()).hasSize(10);
            }
            assertThat(off.counts().bytes()).isZero();
        }
    }

    private byte[] put(String key, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(key.hashCode() + size).nextBytes(content);
        store.put(key, new ByteArrayInputStream(content), size);
        return content;
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }
}
