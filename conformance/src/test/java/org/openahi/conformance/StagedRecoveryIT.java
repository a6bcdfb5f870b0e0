package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.VersionDocuments;
import org.openahi.core.importing.FoldRunner;
import org.openahi.core.importing.ImportLimits;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.core.importing.PendingFrames;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.MetadataTrees;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.MetadataStore;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.store.fs.FileSystemBlobStore;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;
import org.openahi.testing.SharedCorpus;

/**
 * An instance acknowledged once staged (as a DIMSE C-STORE is) and not yet folded when its server stopped is folded
 * by the next server to start on the same data: the staged row is all it takes. The first server here never folds
 * (its fold runner is not started), which is the state a SIGKILL between staging and folding leaves.
 */
class StagedRecoveryIT {
    private static final String DATASTORE = "d".repeat(32);

    @TempDir
    Path work;

    @Test
    void anInstanceStagedButNotFoldedIsFoldedByTheNextServer() throws Exception {
        Path slice;
        try (Stream<Path> listing = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01))) {
            slice = listing.sorted().findFirst().orElseThrow();
        }
        String sopInstanceUid = DicomReader.read(slice).dataset().getString(Tag.SOPInstanceUID);
        JdbcSettings database = JdbcSettings.of("jdbc:sqlite:" + work.resolve("openahi.db"));
        FileSystemBlobStore blobs = new FileSystemBlobStore(work.resolve("blobs"));
        Clock clock = Clock.systemUTC();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (MetadataStore first = JdbcMetadataStore.open(database)) {
            first.write(tx -> {
                tx.datastores()
                        .insert(new Datastore(
                                DATASTORE,
                                "recovery",
                                DatastoreStatus.ACTIVE,
                                java.util.Optional.empty(),
                                java.util.Optional.empty(),
                                LosslessStorageFormat.HTJ2K,
                                Instant.EPOCH,
                                Instant.EPOCH));
                return null;
            });
            FoldRunner neverStarted = new FoldRunner(
                    first, blobs, clock, new FoldRunner.Settings(Duration.ofHours(1), Duration.ofHours(1)));
            InstanceIngest importer = new InstanceIngest(
                    first,
                    blobs,
                    new FrameTranscoder(DecodedFrameSink.NONE),
                    new PendingFrames(
                            first, blobs, new FrameTranscoder(DecodedFrameSink.NONE), PendingFrames.Settings.OFF),
                    ReadOptions.defaults(),
                    neverStarted,
                    new BlobCleanup(first, blobs, clock, Duration.ofHours(1)),
                    workers,
                    ImportLimits.AHI,
                    clock);
            try (InstanceIngest.Session session = importer.open(DATASTORE)) {
                InstanceIngest.Staging staging = session.stage(
                        new InstanceIngest.Upload("slice", Files.size(slice), () -> Files.newInputStream(slice)));
                assertThat(staging)
                        .isInstanceOfSatisfying(
                                InstanceIngest.Staged.class,
                                staged -> assertThat(staged.sopInstanceUid()).isEqualTo(sopInstanceUid));
            }
            int imageSets = first.read(tx -> tx.imageSets().countNotDeleted(DATASTORE));
            assertThat(imageSets).isZero();
        } finally {
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }

        try (MetadataStore next = JdbcMetadataStore.open(database)) {
            FoldRunner folds =
                    new FoldRunner(next, blobs, clock, new FoldRunner.Settings(Duration.ZERO, Duration.ofMillis(50)));
            folds.start();
            try {
                Instant deadline = Instant.now().plusSeconds(30);
                while (next.read(tx -> tx.imageSets().countNotDeleted(DATASTORE)) == 0
                        && Instant.now().isBefore(deadline)) {
                    Thread.sleep(20);
                }
            } finally {
                folds.close();
            }
            List<String> staged =
                    next.read(tx -> tx.staging().stagedBefore(Instant.now().plusSeconds(1), 10));
            assertThat(staged).isEmpty();
            String study = DicomReader.read(slice).dataset().getString(Tag.StudyInstanceUID);
            List<ImageSet> imageSets = next.read(tx -> tx.imageSets().findPrimaryInStudy(DATASTORE, study));
            assertThat(imageSets)
                    .singleElement()
                    .satisfies(set -> assertThat(set.latestVersion()).isEqualTo(1));
            ImageSet imageSet = imageSets.get(0);
            ImageSetVersion version = next.read(tx -> tx.imageSets().findVersion(imageSet.id(), 1))
                    .orElseThrow();
            JsonNode document;
            try (var in = new VersionDocuments(next, new DocumentBlobs(blobs)).open(imageSet.id(), version)) {
                document = MetadataTrees.read(in);
            }
            JsonNode instance = document.path("Study")
                    .path("Series")
                    .path(imageSet.identity().seriesInstanceUid())
                    .path("Instances")
                    .path(sopInstanceUid);
            assertThat(instance.isObject()).isTrue();
            String frameId = instance.at("/ImageFrames/0/ID").asText();
            String blobKey = next.read(tx -> tx.imageSets().findFrame(imageSet.id(), frameId))
                    .orElseThrow()
                    .blobKey();
            try (var in = blobs.get(blobKey)) {
                assertThat(in.readAllBytes()).isNotEmpty();
            }
        }
    }
}
