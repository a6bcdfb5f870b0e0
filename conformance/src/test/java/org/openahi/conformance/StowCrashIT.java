package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetWorkflowStatus;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * Kills the server (SIGKILL) while instances are stored by STOW-RS and starts it again on the same data: instances
 * staged but not folded when it died are folded after the restart (held at checkpoint {@code ingest.staged}, so the
 * kill lands there); instances stored into a series whose image set is LOCKED by an update wait, staged, and are
 * folded into a version after the update's; and under four clients killed at an arbitrary moment, every instance
 * acknowledged (200) is kept. Each time the series' document, frames and QIDO-RS index agree, staging ends empty, the
 * history is consecutive, and no blob is left that no row references.
 */
class StowCrashIT {
    private static final String SERIES = "05_3D_Ax_T1_MP_RAGE_R22";
    private static final int CLIENTS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    @TempDir
    Path work;

    private DataDirectory data;
    private List<Path> slices;

    @BeforeEach
    void corpus() throws Exception {
        data = new DataDirectory(work.resolve("data"));
        try (Stream<Path> listing = Files.list(SharedCorpus.geStudy().resolve(SERIES))) {
            slices = listing.sorted().toList();
        }
    }

    private ServerProcess server() {
        return new ServerProcess(
                Map.of(
                        "OPENAHI_DATA_DIR",
                        data.path().toString(),
                        "OPENAHI_LEASE_SECONDS",
                        "2",
                        "OPENAHI_BLOB_CLEANUP_GRACE_SECONDS",
                        "0"),
                work.resolve("server.log"));
    }

    @Test
    void instancesStagedButNotFoldedWhenKilledAreFoldedAfterTheRestart() throws Exception {
        try (ServerProcess server = server()) {
            server.startPausingAt("ingest.staged", 0);
            String datastoreId = newDatastore(server);
            ExecutorService client = Executors.newSingleThreadExecutor();
            client.execute(() -> {
                try {
                    storeMultipart(server.port(), datastoreId, slices.subList(0, 5));
                } catch (RuntimeException killed) {
                    // The server dies holding this request: it is never answered.
                }
            });
            server.awaitPaused();
            assertThat(data.query("SELECT id FROM staged_instance")).hasSize(5);
            assertThat(data.query("SELECT id FROM image_set")).isEmpty();
            server.kill();
            client.shutdownNow();

            server.start();
            awaitEmptyStaging();
            Set<String> stored = assertOnePrimaryImageSetAgrees(server, datastoreId);
            assertThat(stored).hasSize(5);
            data.awaitNoOrphanBlobs();
        }
    }

    @Test
    void instancesForASeriesBeingUpdatedWaitStagedAndAreFoldedAfterTheUpdate() throws Exception {
        try (ServerProcess server = server()) {
            server.start();
            String datastoreId = newDatastore(server);
            assertThat(storeMultipart(server.port(), datastoreId, slices.subList(0, 3))
                            .status())
                    .isEqualTo(200);
            server.close();

            server.startPausingAt("image-set-work.begin", 0);
            String imageSetId;
            try (MedicalImagingClient client = server.client()) {
                imageSetId =
                        client
                                .searchImageSetsPaginator(r -> r.datastoreId(datastoreId))
                                .imageSetsMetadataSummaries()
                                .stream()
                                .findFirst()
                                .orElseThrow()
                                .imageSetId();
                ImageSets.update(
                        client,
                        datastoreId,
                        imageSetId,
                        "1",
                        ImageSets.studyAttribute("StudyDescription", "UPDATED WHILE STORING"));
            }
            server.awaitPaused();
            ExecutorService storing = Executors.newSingleThreadExecutor();
            storing.execute(() -> {
                try {
                    storeMultipart(server.port(), datastoreId, slices.subList(3, 4));
                } catch (RuntimeException killed) {
                    // Its series stays LOCKED until the server dies: it is never answered.
                }
            });
            awaitStaged(1);
            // The fold runs at once and every 250 ms while the series is LOCKED; give it several tries before the kill.
            Thread.sleep(1_000);
            assertThat(data.query("SELECT version FROM image_set_version WHERE image_set_id = '" + imageSetId + "'"))
                    .as("no version folded in while the update holds the image set")
                    .containsExactlyInAnyOrder("1", "2");
            server.kill();
            storing.shutdownNow();

            server.start();
            awaitEmptyStaging();
            try (MedicalImagingClient client = server.client()) {
                ImageSets.awaitUnlocked(client, datastoreId, imageSetId);
                List<ImageSetProperties> versions = new ArrayList<>();
                client.listImageSetVersionsPaginator(
                                r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                        .imageSetPropertiesList()
                        .forEach(versions::add);
                assertThat(versions).extracting(ImageSetProperties::versionId).containsExactly("3", "2", "1");
                assertThat(versions)
                        .extracting(ImageSetProperties::imageSetWorkflowStatus)
                        .containsExactly(
                                ImageSetWorkflowStatus.IMPORTED,
                                ImageSetWorkflowStatus.UPDATED,
                                ImageSetWorkflowStatus.CREATED);
            }
            assertThat(assertOnePrimaryImageSetAgrees(server, datastoreId)).hasSize(4);
            data.awaitNoOrphanBlobs();
        }
    }

    @Test
    void everyAcknowledgedInstanceSurvivesASigkillUnderFourClients() throws Exception {
        try (ServerProcess server = server()) {
            server.start();
            String datastoreId = newDatastore(server);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                clients.execute(() -> {
                    try {
                        for (int i = first; i < slices.size(); i += CLIENTS) {
                            if (storeMultipart(server.port(), datastoreId, List.of(slices.get(i)))
                                            .status()
                                    == 200) {
                                acknowledged.add(DicomReader.read(slices.get(i))
                                        .dataset()
                                        .getString(Tag.SOPInstanceUID));
                            }
                        }
                    } catch (Exception killed) {
                        // The server died under this client's request: it was not acknowledged.
                    }
                });
            }
            Instant deadline = Instant.now().plusSeconds(120);
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(5);
            }
            server.kill();
            Set<String> storedBeforeKill = Set.copyOf(acknowledged);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(storedBeforeKill).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

            server.start();
            awaitEmptyStaging();
            assertThat(assertOnePrimaryImageSetAgrees(server, datastoreId)).containsAll(storedBeforeKill);
            data.awaitNoOrphanBlobs();
        }
    }

    private static String newDatastore(ServerProcess server) {
        try (MedicalImagingClient client = server.client()) {
            return client.createDatastore(r -> r.datastoreName("stow-crash")).datastoreId();
        }
    }

    /**
     * The series is one primary image set whose document, frames, QIDO-RS rows and instance count agree, with a
     * consecutive history; returns the SOP Instance UIDs it holds.
     */
    private Set<String> assertOnePrimaryImageSetAgrees(ServerProcess server, String datastoreId) throws Exception {
        try (MedicalImagingClient client = server.client()) {
            List<ImageSetsMetadataSummary> summaries =
                    client
                            .searchImageSetsPaginator(r -> r.datastoreId(datastoreId))
                            .imageSetsMetadataSummaries()
                            .stream()
                            .toList();
            assertThat(summaries)
                    .singleElement()
                    .satisfies(summary -> assertThat(summary.isPrimary()).isTrue());
            String imageSetId = summaries.get(0).imageSetId();
            Set<String> inDocument = new HashSet<>();
            for (JsonNode instance : Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null))) {
                inDocument.add(instance.at("/DICOM/SOPInstanceUID").asText());
                Imports.frameMatchingItsChecksum(client, datastoreId, imageSetId, instance.at("/ImageFrames/0"));
            }
            assertThat(summaries.get(0).dicomTags().dicomNumberOfStudyRelatedInstances())
                    .isEqualTo(inDocument.size());
            Dataset first = DicomReader.read(slices.get(0)).dataset();
            RawHttp.Request qido = new RawHttp.Request(server.port())
                    .path("/datastore/" + datastoreId + "/studies/"
                            + first.getString(Tag.StudyInstanceUID) + "/series/"
                            + first.getString(Tag.SeriesInstanceUID)
                            + "/instances")
                    .header("Accept", "application/dicom+json");
            Set<String> indexed = new HashSet<>();
            qido.send(server.port())
                    .json()
                    .forEach(found -> indexed.add(found.at("/00080018/Value/0").asText()));
            assertThat(indexed).isEqualTo(inDocument);
            List<String> versions = new ArrayList<>();
            client.listImageSetVersionsPaginator(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                    .imageSetPropertiesList()
                    .forEach(version -> versions.add(version.versionId()));
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i)).isEqualTo(Integer.toString(versions.size() - i));
            }
            return inDocument;
        }
    }

    private static RawHttp.Response storeMultipart(int port, String datastoreId, List<Path> files) {
        String boundary = "stow-crash";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Path file : files) {
                body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                body.writeBytes(Files.readAllBytes(file));
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        RawHttp.Request request = new RawHttp.Request(port)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies")
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json");
        request.body = body.toByteArray();
        return request.send(port);
    }

    private void awaitStaged(int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (data.query("SELECT id FROM staged_instance").size() < count
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(data.query("SELECT id FROM staged_instance")).hasSize(count);
    }

    private void awaitEmptyStaging() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!data.query("SELECT id FROM staged_instance").isEmpty()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(data.query("SELECT id FROM staged_instance"))
                .as("instances left staged")
                .isEmpty();
    }
}
