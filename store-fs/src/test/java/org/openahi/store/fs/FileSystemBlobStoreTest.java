package org.openahi.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
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

    @Test
    void aDeleteRemovesTheFoldersItLeavesEmpty() throws IOException {
        store.put("pending/w1/abcd1234", new ByteArrayInputStream(new byte[] {1}), 1);
        store.put("pending/w2/abcd5678", new ByteArrayInputStream(new byte[] {2}), 1);
        store.delete("pending/w1/abcd1234");
        assertThat(root.resolve("pending/w1")).doesNotExist();
        assertThat(root.resolve("pending/w2/ab/cd/abcd5678")).exists();
        store.delete("pending/w2/abcd5678");
        assertThat(root.resolve("pending")).doesNotExist();
        assertThat(root.resolve(".tmp")).isDirectory();
        try (Stream<BlobStore.BlobInfo> listed = store.list("pending/")) {
            assertThat(listed).isEmpty();
        }
        store.put("pending/w1/abcd1234", new ByteArrayInputStream(new byte[] {3}), 1);
        try (InputStream in = store.get("pending/w1/abcd1234")) {
            assertThat(in.readAllBytes()).containsExactly(3);
        }
    }

    /**
     * Threads putting and deleting blobs of one folder at once, as the background encoder deletes pending frames while
     * requests store new ones: a delete may remove the folder a put is about to rename into, and a listing may meet
     * files and folders that are gone. No put fails, every blob not deleted is there, and no listing fails.
     */
    @Test
    void putsDeletesAndListingsOfOneFolderAtOnceAllSucceed() throws Exception {
        int threads = 4;
        int rounds = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            Future<Integer> listings = pool.submit(() -> {
                int done = 0;
                while (writing.get()) {
                    try (Stream<BlobStore.BlobInfo> listed = store.list("pending/")) {
                        listed.forEach(blob -> {});
                    }
                    done++;
                }
                return done;
            });
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    List<String> kept = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        // every thread's blobs in one folder, which each delete may leave empty
                        String key = "pending/w/abcd-" + thread + "-" + i;
                        store.put(key, new ByteArrayInputStream(new byte[] {(byte) i}), 1);
                        store.delete(key);
                        if (i % 10 == 0) {
                            String keep = "pending/kept-" + thread + "/abcd-" + i;
                            store.put(keep, new ByteArrayInputStream(new byte[] {(byte) i}), 1);
                            kept.add(keep);
                        }
                    }
                    return kept;
                }));
            }
            List<String> kept = new ArrayList<>();
            for (Future<List<String>> writer : writers) {
                kept.addAll(writer.get());
            }
            writing.set(false);
            assertThat(listings.get()).isPositive();
            try (Stream<BlobStore.BlobInfo> listed = store.list("pending/")) {
                assertThat(listed.map(BlobStore.BlobInfo::key)).containsExactlyInAnyOrderElementsOf(kept);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }
}
