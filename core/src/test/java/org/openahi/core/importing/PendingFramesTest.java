package org.openahi.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.imageset.ImageSetReads.FrameContent;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.memory.MemoryCore;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.pixels.PendingFrame;

/** Frames stored uncompressed and encoded afterwards, in the background, on the in-memory ports. */
class PendingFramesTest {
    private final MemoryCore core = new MemoryCore();

    @AfterEach
    void close() {
        core.close();
    }

    /**
     * A job's unreferenced blobs are deleted as soon as it ends, and the background encoder may then be between storing
     * an encoded frame of that job and pointing the frame's rows at it: that frame must survive the clean-up. (A CI run
     * found GetImageFrame failing on a frame whose encoded blob the clean-up had deleted.)
     */
    @Test
    void aFrameEncodedWhileItsEndedJobIsCleanedUpIsKept() throws Exception {
        String ds = core.createDatastore();
        String jobId = core.startImport(ds, core.inputFolder(MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35")))
                .id();
        BlobCleanup cleanup = new BlobCleanup(core.store, core.blobs, core.clock, Duration.ofHours(1));
        BlobStore cleanedUpAfterEachEncodedFrame = new BlobStore() {
            @Override
            public void put(String key, InputStream content, long length) throws IOException {
                core.blobs.put(key, content, length);
                cleanup.cleanWork(jobId);
            }

            @Override
            public InputStream get(String key) throws IOException {
                return core.blobs.get(key);
            }

            @Override
            public void delete(String key) throws IOException {
                core.blobs.delete(key);
            }

            @Override
            public Stream<BlobInfo> list(String prefix) throws IOException {
                return core.blobs.list(prefix);
            }

            @Override
            public void close() {}
        };
        PendingFrames pending = new PendingFrames(
                core.store,
                cleanedUpAfterEachEncodedFrame,
                new FrameTranscoder(DecodedFrameSink.NONE),
                new PendingFrames.Settings(Long.MAX_VALUE, 0, 0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            core.importer(core.folders, core.blobs, pending, pool)
                    .importFiles(
                            core.store.read(tx -> tx.importJobs().find(jobId)).orElseThrow(),
                            core.claimImport(jobId, "node-1"),
                            progress -> {});
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        Set<String> imageSets = new TreeSet<>();
        core.store
                .read(tx -> tx.importJobs().outcomes(jobId))
                .forEach(outcome -> outcome.imageSetId().ifPresent(imageSets::add));
        List<StoredFrame> frames = imageSets.stream()
                .flatMap(id -> core.store.read(tx -> tx.imageSets().frames(id)).stream())
                .toList();
        assertThat(frames)
                .isNotEmpty()
                .allSatisfy(frame ->
                        assertThat(PendingFrame.isPending(frame.blobKey())).isTrue());

        assertThat(pending.encodeListed()).isEqualTo(frames.size());

        for (StoredFrame frame : frames) {
            FrameContent read = core.reads.frame(ds, frame.imageSetId(), frame.frameId());
            try (InputStream content = read.content()) {
                assertThat(content.readAllBytes())
                        .hasSize(Math.toIntExact(read.frame().size()));
            }
            assertThat(PendingFrame.isPending(read.frame().blobKey())).isFalse();
        }
    }
}
