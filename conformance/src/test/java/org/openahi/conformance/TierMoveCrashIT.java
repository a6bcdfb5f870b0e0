package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Kills the server (SIGKILL) in the middle of moving an archived image set's blobs to the archive location — a blob
 * copied and verified there, its original not yet deleted, five blobs already moved — and starts it again: the move
 * is finished, every blob is in the archive folder and none in the primary one, and every frame reads back
 * bit-exact. The image set is imported and its frames read by a server with the default 30 days, then a server that
 * archives image sets 2 seconds after their last access starts on the same data.
 */
class TierMoveCrashIT {
    @TempDir
    Path work;

    @Test
    void aMoveKilledHalfwayLosesNothingAndIsFinishedAfterARestart() throws Exception {
        Path data = work.resolve("data");
        Path archive = work.resolve("archive");
        Path output = Files.createDirectories(work.resolve("out"));
        Map<String, String> importing =
                Map.of("OPENAHI_DATA_DIR", data.toString(), "OPENAHI_FILE_ROOTS", SharedCorpus.dicom() + "," + output);
        Map<String, String> archiving = new HashMap<>(importing);
        archiving.putAll(Map.of(
                "OPENAHI_ARCHIVE_AFTER_SECONDS",
                "2",
                "OPENAHI_ACCESS_GRANULARITY_SECONDS",
                "1",
                "OPENAHI_TIER_SWEEP_SECONDS",
                "1",
                "OPENAHI_ARCHIVE_BLOB_STORE",
                archive.toString()));
        DataDirectory directory = new DataDirectory(data);
        String datastoreId;
        String imageSetId;
        Map<String, byte[]> frames = new HashMap<>();
        // First with the default 30 days, so nothing is archived while the frames are read for the comparison.
        try (ServerProcess server = new ServerProcess(importing, work.resolve("import.log"))) {
            server.start();
            try (MedicalImagingClient client = server.client()) {
                datastoreId =
                        client.createDatastore(r -> r.datastoreName("tiers")).datastoreId();
                Imports.Finished finished = Imports.run(
                        client,
                        datastoreId,
                        SharedCorpus.geStudy()
                                .resolve(ImageSets.SERIES_01)
                                .toUri()
                                .toString(),
                        output.toUri().toString());
                imageSetId = Imports.ndjson(Imports.folder(finished.job()).resolve("SUCCESS/success.ndjson"))
                        .get(0)
                        .at("/importResponse/imageSetId")
                        .asText();
                for (String frameId : frameIds(client, datastoreId, imageSetId)) {
                    frames.put(frameId, Imports.frame(client, datastoreId, imageSetId, frameId));
                }
                // Every frame encoded, so the blobs the move is checked on are the ones it moves.
                directory.awaitNoPendingFrames();
            }
        }
        try (ServerProcess server = new ServerProcess(archiving, work.resolve("server.log"))) {
            server.startPausingAt("tier.blob-copied", 5);
            server.awaitPaused();
            List<String> blobs = new ArrayList<>(directory.query("SELECT blob_key FROM image_frame UNION "
                    + "SELECT metadata_blob FROM image_set_version WHERE metadata_blob IS NOT NULL"));
            assertThat(blobs).hasSizeGreaterThanOrEqualTo(frames.size()).hasSizeGreaterThan(6);
            assertThat(blobs.stream().filter(key -> Files.exists(DataDirectory.blobFile(archive, key))))
                    .as("blobs copied before the kill")
                    .hasSize(6);
            assertThat(blobs.stream()
                            .filter(key -> Files.exists(directory.blobFile(key))
                                    && Files.exists(DataDirectory.blobFile(archive, key))))
                    .as("the blob held at the checkpoint")
                    .hasSize(1);
            server.kill();

            server.start();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            String recorded = "SELECT blobs_archived FROM image_set_tier WHERE image_set_id = '" + imageSetId + "'";
            while (!directory.query(recorded).equals(Set.of("1"))) {
                assertThat(Instant.now())
                        .as("the move finished after the restart")
                        .isBefore(deadline);
                Thread.sleep(50);
            }
            assertThat(blobs).allSatisfy(key -> {
                assertThat(DataDirectory.blobFile(archive, key)).exists();
                assertThat(directory.blobFile(key)).doesNotExist();
            });
            try (MedicalImagingClient client = server.client()) {
                for (Map.Entry<String, byte[]> frame : frames.entrySet()) {
                    assertThat(Imports.frame(client, datastoreId, imageSetId, frame.getKey()))
                            .as("frame " + frame.getKey())
                            .isEqualTo(frame.getValue());
                }
            }
        }
    }

    private static List<String> frameIds(MedicalImagingClient client, String datastoreId, String imageSetId) {
        List<String> ids = new ArrayList<>();
        JsonNode instances = Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null));
        instances.forEach(instance -> instance.path("ImageFrames")
                .forEach(frame -> ids.add(frame.path("ID").asText())));
        return ids;
    }
}
