package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.dicomweb.DecodedFrameFiles;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.importing.FoldRunner;
import org.openahi.core.importing.ImportLimits;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.core.importing.PendingFrames;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.pixels.PendingFrame;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.StoragePlan;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.core.store.MetadataStore;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomStream;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.store.fs.FileSystemBlobStore;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;
import org.openahi.testing.SharedCorpus;

/**
 * An uncompressed instance stored through the intake (STOW-RS, C-STORE) is acknowledged with its frame pending: read
 * before the background encoder gets to it, the frame is the original samples uncompressed and, encoded on request,
 * exactly the frame transcoding it at once stores; encoded in the background, its rows point at that stored frame, and
 * the pending blob goes (at once when a restarted server finds it already replaced). SQLite and files, as the server
 * runs them; the encoder is driven by the test instead of its thread, so each state is seen.
 */
class PendingFramesIT {
    private static final String DATASTORE = "e".repeat(32);

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(LosslessStorageFormat.class)
    void aPendingFrameReadsAsItWillBeStoredAndIsEncodedInTheBackground(LosslessStorageFormat format) throws Exception {
        Path slice;
        try (Stream<Path> listing = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01))) {
            slice = listing.sorted().findFirst().orElseThrow();
        }
        byte[] original;
        Dataset header;
        String transferSyntax;
        try (InputStream in = Files.newInputStream(slice);
                DicomStream dicom = DicomReader.stream(in, ReadOptions.defaults())) {
            transferSyntax = dicom.fileMeta().getString(Tag.TransferSyntaxUID);
            header = dicom.dataset();
            original = dicom.nextFrame().readAllBytes();
        }
        StoragePlan.Transcode plan = (StoragePlan.Transcode) StoragePlan.of(transferSyntax, header);
        assertThat(plan.uncompressed()).as("an uncompressed slice").isTrue();
        FrameTranscoder transcoder = new FrameTranscoder(DecodedFrameSink.NONE);
        byte[] storedAtOnce =
                transcoder.transcode(original.clone(), plan, format).bytes();
        PixelLayout layout = PixelLayout.of(header);
        StoredFrames instance =
                new StoredFrames(TransferSyntaxTable.storedLossless(format).uid(), List.of("f"), Optional.of(layout));

        JdbcSettings database = JdbcSettings.of("jdbc:sqlite:" + work.resolve("openahi.db"));
        FileSystemBlobStore blobs = new FileSystemBlobStore(work.resolve("blobs"));
        FrameReader reader = new FrameReader(blobs, transcoder, 0, DecodedFrameFiles.off());
        Clock clock = Clock.systemUTC();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        PendingFrames.Settings settings = new PendingFrames.Settings(1L << 30, 0, 0);
        String pendingKey;
        try (MetadataStore store = JdbcMetadataStore.open(database);
                FoldRunner folds = new FoldRunner(
                        store, blobs, clock, new FoldRunner.Settings(Duration.ofMinutes(1), Duration.ofSeconds(1)))) {
            store.write(tx -> {
                tx.datastores()
                        .insert(new Datastore(
                                DATASTORE,
                                "pending",
                                DatastoreStatus.ACTIVE,
                                Optional.empty(),
                                Optional.empty(),
                                format,
                                Instant.EPOCH,
                                Instant.EPOCH));
                return null;
            });
            folds.start();
            PendingFrames pending = new PendingFrames(store, blobs, transcoder, settings);
            InstanceIngest ingest = new InstanceIngest(
                    store,
                    blobs,
                    transcoder,
                    pending,
                    ReadOptions.defaults(),
                    folds,
                    new BlobCleanup(store, blobs, clock, Duration.ofHours(1)),
                    workers,
                    ImportLimits.AHI,
                    clock);
            List<InstanceIngest.Outcome> outcomes = ingest.store(
                    DATASTORE,
                    Optional.empty(),
                    List.of(new InstanceIngest.Upload("slice", Files.size(slice), () -> Files.newInputStream(slice))));
            String imageSetId = ((InstanceIngest.Stored) outcomes.get(0)).imageSetId();

            StoredFrame frame = onlyFrame(store, imageSetId);
            pendingKey = frame.blobKey();
            assertThat(PendingFrame.isPending(pendingKey)).as(pendingKey).isTrue();
            assertThat(reader.decoded(frame, instance)).isEqualTo(original);
            byte[] encodedOnRequest = reader.encoded(frame);
            assertThat(reader.encodedLength(frame)).isEqualTo(encodedOnRequest.length);

            // Beside it, a pending blob damaged on disk (cut short): it stays as it is, the good frame is encoded.
            String damaged = "pending/damaged/f0";
            blobs.put(damaged, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
            store.write(tx -> {
                tx.imageSets().insertFrame(new StoredFrame(imageSetId, "damaged", damaged, "image/jph", 3));
                return null;
            });

            assertThat(pending.encodeListed()).isEqualTo(1);
            assertThat(frame(store, imageSetId, "damaged").blobKey()).isEqualTo(damaged);
            StoredFrame encoded = frame(store, imageSetId, frame.frameId());
            assertThat(encoded.blobKey()).isEqualTo(PendingFrame.encodedKey(pendingKey));
            try (InputStream in = blobs.get(encoded.blobKey())) {
                assertThat(in.readAllBytes()).isEqualTo(storedAtOnce);
            }
            assertThat(encoded.size()).isEqualTo(storedAtOnce.length);
            assertThat(reader.encoded(encoded)).isEqualTo(encodedOnRequest);
            assertThat(reader.decoded(encoded, instance)).isEqualTo(original);
            assertThat(pending.encodeListed()).as("nothing left to encode").isZero();
            assertThat(exists(blobs, pendingKey))
                    .as("kept a while for readers on it")
                    .isTrue();

            // A restart before the replaced blob was deleted: the next server's encoder deletes it.
            PendingFrames afterRestart = new PendingFrames(store, blobs, transcoder, settings);
            assertThat(afterRestart.encodeListed()).isZero();
            assertThat(exists(blobs, pendingKey)).isFalse();
        } finally {
            workers.shutdownNow();
        }
    }

    private static boolean exists(FileSystemBlobStore blobs, String key) throws Exception {
        try (Stream<BlobStore.BlobInfo> listing = blobs.list(PendingFrame.FOLDER)) {
            return listing.anyMatch(blob -> blob.key().equals(key));
        }
    }

    private static StoredFrame onlyFrame(MetadataStore store, String imageSetId) {
        List<StoredFrame> frames = store.read(tx -> tx.imageSets().frames(imageSetId));
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    private static StoredFrame frame(MetadataStore store, String imageSetId, String frameId) {
        return store.read(tx -> tx.imageSets().findFrame(imageSetId, frameId)).orElseThrow();
    }
}
