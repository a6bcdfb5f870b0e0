package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;

/** The behaviour every {@link BlobStore} must show; each implementation's test extends this class. */
public abstract class BlobStoreContract {
    protected BlobStore store;

    /** A new, empty store. */
    protected abstract BlobStore openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private void put(String key, byte[] content) throws IOException {
        store.put(key, new ByteArrayInputStream(content), content.length);
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    @Test
    void whatIsPutIsReadBackByteForByte() throws IOException {
        byte[] small = random(10, 1);
        byte[] large = random(3 * 1024 * 1024 + 17, 2);
        put("frames/0123456789abcdef0123456789abcdef", small);
        put("metadata/fedcba9876543210fedcba9876543210-1", large);
        put("empty", new byte[0]);
        assertThat(read("frames/0123456789abcdef0123456789abcdef")).isEqualTo(small);
        assertThat(read("metadata/fedcba9876543210fedcba9876543210-1")).isEqualTo(large);
        assertThat(read("empty")).isEmpty();
    }

    @Test
    void aPutReplacesTheBlobThere() throws IOException {
        put("k", random(100, 1));
        byte[] second = random(50, 2);
        put("k", second);
        assertThat(read("k")).isEqualTo(second);
    }

    @Test
    void aMissingBlobIsReportedAsSuch() {
        assertThatThrownBy(() -> store.get("frames/missing"))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("frames/missing");
    }

    @Test
    void aStreamShorterThanItsDeclaredLengthStoresNothing() throws IOException {
        byte[] content = random(100, 3);
        assertThatThrownBy(() -> store.put("short", new ByteArrayInputStream(content), 200))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.get("short")).isInstanceOf(BlobNotFoundException.class);
        try (Stream<BlobStore.BlobInfo> blobs = store.list("")) {
            assertThat(blobs.map(BlobStore.BlobInfo::key)).doesNotContain("short");
        }
    }

    @Test
    void deleteRemovesAndIgnoresMissingBlobs() throws IOException {
        put("frames/a", random(10, 4));
        store.delete("frames/a");
        store.delete("frames/never-there");
        assertThatThrownBy(() -> store.get("frames/a")).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void listingAFolderShowsOnlyTheBlobsInIt() throws IOException {
        put("frames/job1/aaaa1111", random(1, 8));
        put("frames/job1/bbbb2222", random(1, 9));
        put("frames/job2/cccc3333", random(1, 10));
        put("frames/job10/dddd4444", random(1, 11));
        try (Stream<BlobStore.BlobInfo> blobs = store.list("frames/job1/")) {
            assertThat(blobs.map(BlobStore.BlobInfo::key))
                    .containsExactlyInAnyOrder("frames/job1/aaaa1111", "frames/job1/bbbb2222");
        }
        try (Stream<BlobStore.BlobInfo> blobs = store.list("frames/none/")) {
            assertThat(blobs).isEmpty();
        }
    }

    @Test
    void listShowsEveryBlobWithItsSizeAndTime() throws IOException {
        Instant before = Instant.now().minusSeconds(5);
        put("frames/aaaa1111", random(10, 5));
        put("frames/bbbb2222", random(20, 6));
        put("metadata/cccc3333-1", random(30, 7));
        try (Stream<BlobStore.BlobInfo> blobs = store.list("")) {
            List<BlobStore.BlobInfo> all =
                    blobs.sorted((a, b) -> a.key().compareTo(b.key())).toList();
            assertThat(all)
                    .extracting(BlobStore.BlobInfo::key)
                    .containsExactly("frames/aaaa1111", "frames/bbbb2222", "metadata/cccc3333-1");
            assertThat(all).extracting(BlobStore.BlobInfo::size).containsExactly(10L, 20L, 30L);
            assertThat(all).allSatisfy(blob -> assertThat(blob.lastModified()).isAfter(before));
        }
    }
}
