package org.openahi.core.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.TieredBlobStore;
import org.openahi.core.memory.MemoryBlobStore;
import org.openahi.core.memory.MemoryCore;

/** The tier sweep's blob moves on the in-memory ports, with the image set's blobs changing during a move. */
class BlobMoverTest {
    private static final String SERIES = "1.3.12.2.1107.5.2.32.35131.2014031012481958900586557.0.0.0";

    private final MemoryCore core = new MemoryCore();
    private final MemoryBlobStore archived = new MemoryBlobStore(core.clock);
    private String imageSetId;

    @BeforeEach
    void importAndArchiveOneSeries() throws IOException {
        String ds = core.createDatastore();
        core.importFiles(ds, MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35"));
        imageSetId = core.store
                .read(tx -> tx.imageSets().findPrimary(ds, SERIES))
                .orElseThrow()
                .id();
        core.store.write(tx -> {
            TierState state = tx.tiers().find(List.of(imageSetId)).get(imageSetId);
            return tx.tiers().archive(imageSetId, state.lastAccessedAt());
        });
    }

    @AfterEach
    void close() {
        core.close();
    }

    /**
     * A frame's blob replaced while the move copies (a pending frame encoded in the background): the same number of
     * blobs, one of them new and in the primary location. The move must not record the image set as archived, or the
     * new blob would stay in the primary location for good.
     */
    @Test
    void aBlobReplacedDuringAMoveIsMovedByTheNextSweep() throws IOException {
        String replacedKey = contentBlobs().get(0);
        String newKey = replacedKey + ".replacement";
        BlobStore archive = new ReplacingOnFirstPut(archived, () -> {
            byte[] bytes = "re-encoded".getBytes();
            core.blobs.put(newKey, new ByteArrayInputStream(bytes), bytes.length);
            core.store.write(tx -> {
                tx.imageSets()
                        .replaceFrameBlob(replacedKey, newKey, bytes.length)
                        .forEach(tx.tiers()::blobsAdded);
                return null;
            });
        });
        BlobMover mover = new BlobMover(core.store, new TieredBlobStore(core.blobs, archive));

        mover.moveMisplaced();

        assertThat(contentBlobs()).contains(newKey);
        assertThat(misplaced())
                .as("the image set whose blobs changed during its move")
                .extracting(TierState::imageSetId)
                .containsExactly(imageSetId);

        assertThat(mover.moveMisplaced()).isEqualTo(1);

        assertThat(misplaced()).isEmpty();
        for (String key : contentBlobs()) {
            assertThat(exists(core.blobs, key))
                    .as("%s in the primary location", key)
                    .isFalse();
            assertThat(exists(archived, key))
                    .as("%s in the archive location", key)
                    .isTrue();
        }
    }

    private List<TierState> misplaced() {
        return core.store.read(tx -> tx.tiers().misplacedBlobs(10));
    }

    private List<String> contentBlobs() {
        return core.store.read(tx -> tx.imageSets().contentBlobs(imageSetId));
    }

    private static boolean exists(BlobStore blobs, String key) throws IOException {
        try (InputStream in = blobs.get(key)) {
            return true;
        } catch (BlobNotFoundException e) {
            return false;
        }
    }

    /** An archive location that runs a change of the image set's blobs once, just before its first blob is written. */
    private static final class ReplacingOnFirstPut implements BlobStore {
        interface Change {
            void run() throws IOException;
        }

        private final BlobStore delegate;
        private Change change;

        ReplacingOnFirstPut(BlobStore delegate, Change change) {
            this.delegate = delegate;
            this.change = change;
        }

        @Override
        public void put(String key, InputStream content, long length) throws IOException {
            if (change != null) {
                Change now = change;
                change = null;
                now.run();
            }
            delegate.put(key, content, length);
        }

        @Override
        public InputStream get(String key) throws IOException {
            return delegate.get(key);
        }

        @Override
        public void delete(String key) throws IOException {
            delegate.delete(key);
        }

        @Override
        public Stream<BlobInfo> list(String prefix) throws IOException {
            return delegate.list(prefix);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
