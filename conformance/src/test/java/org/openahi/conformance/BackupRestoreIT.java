package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.server.BackupCli;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * {@code ./openahi backup} while a server imports, then {@code ./openahi restore} into a fresh data folder and a new
 * server on it: every image set acknowledged before the backup started reads back, its metadata and every frame
 * byte for byte; the import that was running ends there; the restored server takes new imports. A restore into a
 * folder that is not empty is refused. An encrypted archive's backup holds the wrapped data keys (database rows) but
 * not the master key file, and is read back with it.
 */
class BackupRestoreIT {
    @TempDir
    Path work;

    @Test
    void aBackupTakenDuringAnImportRestoresEveryAcknowledgedImageSet() throws Exception {
        Path output = Files.createDirectories(work.resolve("out"));
        Map<String, String> original = environment(work.resolve("original"), output);
        Map<String, String> restored = environment(work.resolve("restored"), output);
        Path backup = work.resolve("backup");
        Path ge = SharedCorpus.geStudy();
        String datastoreId;
        String runningJob;
        Contents acknowledged;
        try (ServerProcess server = new ServerProcess(original, work.resolve("original.log"))) {
            server.start();
            try (MedicalImagingClient client = server.client()) {
                datastoreId =
                        client.createDatastore(r -> r.datastoreName("backup")).datastoreId();
                for (String series : List.of(ImageSets.SERIES_01, ImageSets.SERIES_02)) {
                    assertThat(Imports.run(client, datastoreId, folderUri(ge.resolve(series)), folderUri(output))
                                    .job()
                                    .jobStatus())
                            .isEqualTo(JobStatus.COMPLETED);
                }
                acknowledged = Contents.read(client, datastoreId);
                runningJob = Imports.start(client, datastoreId, folderUri(ge), folderUri(output));
                String backedUp = cli(original, "backup", backup);
                System.out.println("BackupRestoreIT: " + backedUp);
                assertThat(backedUp).startsWith("0");
                System.out.println("BackupRestoreIT: the import was "
                        + client.getDICOMImportJob(
                                        r -> r.datastoreId(datastoreId).jobId(runningJob))
                                .jobProperties()
                                .jobStatus()
                        + " when the backup ended");
            }
            server.kill();
        }
        assertThat(acknowledged.documents()).hasSize(2);

        assertThat(cli(restored, "restore", backup)).startsWith("0");
        assertThat(cli(restored, "restore", backup)).startsWith("1").contains("is not empty");
        DataDirectory copy = new DataDirectory(backup);
        Files.delete(copy.blobFile(copy.referencedBlobs().iterator().next()));
        assertThat(cli(environment(work.resolve("damaged"), output), "restore", backup))
                .startsWith("1")
                .contains("lacks 1 blobs its database refers to");

        try (ServerProcess server = new ServerProcess(restored, work.resolve("restored.log"))) {
            server.start();
            try (MedicalImagingClient client = server.client()) {
                acknowledged.assertReadBack(client, datastoreId);
                assertThat(Imports.await(client, datastoreId, runningJob, Duration.ofMinutes(10))
                                .job()
                                .jobStatus())
                        .as("the import running during the backup, finished by the restored server")
                        .isEqualTo(JobStatus.COMPLETED);
                Imports.Finished next = Imports.run(
                        client, datastoreId, folderUri(ge.resolve("03_Ax_DWI_TENSOR_R1p5")), folderUri(output));
                assertThat(next.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
                String imported = Imports.ndjson(Imports.folder(next.job()).resolve("SUCCESS/success.ndjson"))
                        .get(0)
                        .at("/importResponse/imageSetId")
                        .asText();
                JsonNode document = Imports.metadata(client, datastoreId, imported, "1");
                for (JsonNode series : document.path("Study").path("Series")) {
                    for (JsonNode instance : series.path("Instances")) {
                        for (JsonNode frame : instance.path("ImageFrames")) {
                            Imports.frameMatchingItsChecksum(client, datastoreId, imported, frame);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aFolderWithoutAManifestIsNotRestored() throws Exception {
        Path notABackup = Files.createDirectories(work.resolve("half"));
        Files.writeString(notABackup.resolve("openahi.db"), "");
        assertThat(cli(environment(work.resolve("data"), work), "restore", notABackup))
                .startsWith("1")
                .contains("is not a complete openahi backup");
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    void anEncryptedArchiveIsRestoredWithItsKeyFileWhichTheBackupDoesNotHold() throws Exception {
        Path output = Files.createDirectories(work.resolve("out"));
        Path keys = work.resolve("keys.json");
        EncryptionIT.writeKeys(keys, 1);
        Map<String, String> original = encrypted(environment(work.resolve("original"), output), keys);
        Map<String, String> restored = encrypted(environment(work.resolve("restored"), output), keys);
        Path backup = work.resolve("backup");
        String datastoreId;
        Contents contents;
        try (ServerProcess server = new ServerProcess(original, work.resolve("original.log"))) {
            server.start();
            try (MedicalImagingClient client = server.client()) {
                datastoreId = client.createDatastore(r -> r.datastoreName("encrypted"))
                        .datastoreId();
                assertThat(Imports.run(
                                        client,
                                        datastoreId,
                                        folderUri(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01)),
                                        folderUri(output))
                                .job()
                                .jobStatus())
                        .isEqualTo(JobStatus.COMPLETED);
                contents = Contents.read(client, datastoreId);
                assertThat(cli(original, "backup", backup))
                        .startsWith("0")
                        .contains("keep the key file " + keys + " too, apart from the backup");
            }
        }
        try (Stream<Path> files = Files.walk(backup)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(file -> file.getFileName().toString()))
                    .doesNotContain(keys.getFileName().toString());
        }
        assertThat(cli(restored, "restore", backup)).startsWith("0");
        try (ServerProcess server = new ServerProcess(restored, work.resolve("restored.log"))) {
            server.start();
            try (MedicalImagingClient client = server.client()) {
                contents.assertReadBack(client, datastoreId);
            }
        }
    }

    /** Every image set's first metadata document and every frame of a data store, as read through the API. */
    private record Contents(Map<String, JsonNode> documents, Map<String, byte[]> frames) {
        static Contents read(MedicalImagingClient client, String datastoreId) {
            Map<String, JsonNode> documents = new HashMap<>();
            Map<String, byte[]> frames = new HashMap<>();
            for (String imageSetId : imageSets(client, datastoreId)) {
                JsonNode document = Imports.metadata(client, datastoreId, imageSetId, "1");
                documents.put(imageSetId, document);
                for (String frameId : frameIds(document)) {
                    frames.put(imageSetId + "/" + frameId, Imports.frame(client, datastoreId, imageSetId, frameId));
                }
            }
            assertThat(frames).isNotEmpty();
            return new Contents(documents, frames);
        }

        void assertReadBack(MedicalImagingClient client, String datastoreId) {
            for (Map.Entry<String, JsonNode> document : documents.entrySet()) {
                assertThat(Imports.metadata(client, datastoreId, document.getKey(), "1"))
                        .as("metadata of image set %s", document.getKey())
                        .isEqualTo(document.getValue());
            }
            for (Map.Entry<String, byte[]> frame : frames.entrySet()) {
                String[] ids = frame.getKey().split("/");
                assertThat(Imports.frame(client, datastoreId, ids[0], ids[1]))
                        .as("frame %s", frame.getKey())
                        .isEqualTo(frame.getValue());
            }
        }
    }

    private static Map<String, String> encrypted(Map<String, String> environment, Path keys) {
        Map<String, String> with = new HashMap<>(environment);
        with.put("OPENAHI_KEY_FILE", keys.toString());
        return with;
    }

    private static Map<String, String> environment(Path data, Path output) {
        return Map.of(
                "OPENAHI_DATA_DIR",
                data.toString(),
                "OPENAHI_FILE_ROOTS",
                SharedCorpus.dicom() + "," + output,
                "OPENAHI_LEASE_SECONDS",
                "3",
                "OPENAHI_IMPORT_WORKERS",
                "1");
    }

    /** The CLI's exit code, then what it wrote, on one string. */
    private static String cli(Map<String, String> environment, String command, Path folder) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            int code = BackupCli.run(new String[] {command, folder.toString()}, environment, stream, stream);
            return code + " " + text.toString(StandardCharsets.UTF_8);
        }
    }

    private static List<String> imageSets(MedicalImagingClient client, String datastoreId) {
        return client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries().stream()
                .map(ImageSetsMetadataSummary::imageSetId)
                .toList();
    }

    private static List<String> frameIds(JsonNode document) {
        List<String> ids = new ArrayList<>();
        for (JsonNode series : document.path("Study").path("Series")) {
            for (JsonNode instance : series.path("Instances")) {
                for (JsonNode frame : instance.path("ImageFrames")) {
                    ids.add(frame.path("ID").asText());
                }
            }
        }
        return ids;
    }

    private static String folderUri(Path folder) {
        String uri = folder.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
