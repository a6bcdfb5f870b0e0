package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetWorkflowStatus;

/**
 * Kills the server (SIGKILL) while an UpdateImageSetMetadata and while a CopyImageSet is being carried out, at each
 * checkpoint of the background work (before it starts, once its documents are written but not committed, once it is
 * committed but not cleaned up), then starts it again on the same data: each image set ends ACTIVE with the new
 * version fully applied (the pending work resumes), its version list is consecutive with no version left LOCKED,
 * every copied frame matches its checksum, and no blob is left that no row references. The server is held at the
 * checkpoint before the kill, so each kill lands where it says.
 */
class ImageSetCrashIT {
    private static final List<String> CHECKPOINTS =
            List.of("image-set-work.begin", "image-set-work.documents-written", "image-set-work.committed");
    private static final String SERIES = "05_3D_Ax_T1_MP_RAGE_R22";

    @TempDir
    Path work;

    private ServerProcess server;
    private DataDirectory data;
    private String datastoreId;
    private String imageSetId;

    @Test
    void updatesAndCopiesInterruptedBySigkillEndFullyAppliedAfterARestart() throws Exception {
        data = new DataDirectory(work.resolve("data"));
        Path input = Files.createDirectories(work.resolve("input"));
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(SERIES))) {
            for (Path file : files.toList()) {
                Files.copy(file, input.resolve(file.getFileName()));
            }
        }
        server = new ServerProcess(
                Map.of(
                        "OPENAHI_DATA_DIR",
                        data.path().toString(),
                        "OPENAHI_FILE_ROOTS",
                        work.toString(),
                        "OPENAHI_LEASE_SECONDS",
                        "2"),
                work.resolve("server.log"));
        try (ServerProcess running = server) {
            running.start();
            try (MedicalImagingClient client = running.client()) {
                datastoreId =
                        client.createDatastore(r -> r.datastoreName("crash")).datastoreId();
                Imports.Finished imported = Imports.run(
                        client,
                        datastoreId,
                        input.toUri().toString(),
                        work.resolve("output").toUri().toString());
                imageSetId = Imports.ndjson(Imports.folder(imported.job()).resolve("SUCCESS/success.ndjson"))
                        .get(0)
                        .at("/importResponse/imageSetId")
                        .asText();
            }
            for (String checkpoint : CHECKPOINTS) {
                killAt(checkpoint, this::update);
            }
            for (String checkpoint : CHECKPOINTS) {
                killAt(checkpoint, this::copy);
            }
            data.awaitNoOrphanBlobs();
        }
    }

    /**
     * Restarts the server held at the checkpoint, starts the operation, kills the server once the operation's work is
     * held there, starts the server again and runs the check the operation returned.
     */
    private void killAt(String checkpoint, Function<MedicalImagingClient, Runnable> operation) throws Exception {
        server.close();
        server.startPausingAt(checkpoint, 0);
        Runnable check;
        try (MedicalImagingClient client = server.client()) {
            check = operation.apply(client);
        }
        server.awaitPaused();
        assertThat(data.query("SELECT image_set_id FROM image_set_operation"))
                .as("operations pending at " + checkpoint)
                .hasSize(checkpoint.endsWith(".committed") ? 0 : 1);
        server.kill();
        server.start();
        check.run();
    }

    /** Starts an update; the returned check verifies the image set once the server is back. */
    private Runnable update(MedicalImagingClient client) {
        String latest = client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                .versionId();
        String description = "CRASH-" + latest;
        String version = ImageSets.update(
                        client,
                        datastoreId,
                        imageSetId,
                        latest,
                        ImageSets.studyAttribute("StudyDescription", description))
                .latestVersionId();
        return () -> {
            try (MedicalImagingClient after = server.client()) {
                GetImageSetResponse imageSet = ImageSets.awaitUnlocked(after, datastoreId, imageSetId);
                assertThat(imageSet.imageSetState()).isEqualTo(ImageSetState.ACTIVE);
                assertThat(imageSet.versionId()).isEqualTo(version);
                assertThat(imageSet.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.UPDATED);
                JsonNode document = Imports.metadata(after, datastoreId, imageSetId, null);
                assertThat(document.at("/Study/DICOM/StudyDescription").asText())
                        .isEqualTo(description);
                assertThat(Imports.instances(document).size()).isEqualTo(130);
                assertConsecutiveActiveHistory(after, imageSetId);
            }
        };
    }

    /** Starts a full copy to a new image set; the returned check verifies both image sets once the server is back. */
    private Runnable copy(MedicalImagingClient client) {
        String latest = client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                .versionId();
        String copyId = client.copyImageSet(r -> r.datastoreId(datastoreId)
                        .sourceImageSetId(imageSetId)
                        .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId(latest))))
                .destinationImageSetProperties()
                .imageSetId();
        return () -> {
            try (MedicalImagingClient after = server.client()) {
                GetImageSetResponse copied = ImageSets.awaitUnlocked(after, datastoreId, copyId);
                assertThat(copied.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.COPIED);
                GetImageSetResponse source = ImageSets.awaitUnlocked(after, datastoreId, imageSetId);
                assertThat(source.imageSetState()).isEqualTo(ImageSetState.ACTIVE);
                assertThat(source.versionId()).isEqualTo(latest);
                JsonNode instances = Imports.instances(Imports.metadata(after, datastoreId, copyId, null));
                assertThat(instances)
                        .isEqualTo(Imports.instances(Imports.metadata(after, datastoreId, imageSetId, null)));
                for (JsonNode instance : instances) {
                    for (JsonNode frame : instance.path("ImageFrames")) {
                        Imports.frameMatchingItsChecksum(after, datastoreId, copyId, frame);
                    }
                }
                assertConsecutiveActiveHistory(after, copyId);
            }
        };
    }

    private void assertConsecutiveActiveHistory(MedicalImagingClient client, String id) {
        List<ImageSetProperties> versions = new ArrayList<>();
        client.listImageSetVersionsPaginator(r -> r.datastoreId(datastoreId).imageSetId(id))
                .imageSetPropertiesList()
                .forEach(versions::add);
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i).versionId()).isEqualTo(Integer.toString(versions.size() - i));
            assertThat(versions.get(i).imageSetState()).isEqualTo(ImageSetState.ACTIVE);
        }
    }
}
