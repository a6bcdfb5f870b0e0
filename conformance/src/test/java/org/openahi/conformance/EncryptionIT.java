package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.htj2k.DecodedImage;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ValidationException;

/**
 * Encryption at rest (issue 17) through the SDK: with a key file, every blob file on disk holds no plaintext — no
 * window of the source pixel data, of the stored HTJ2K codestreams or of the metadata's text — while every frame
 * read back decodes to exactly the source's samples; a data store's kmsKeyArn picks its master key and an unknown
 * one is refused; after a master key rotation (a new version, the server restarted, then the old version removed)
 * everything reads back the same.
 */
class EncryptionIT {
    private static final String DEFAULT_KEY =
            "arn:aws:kms:us-east-1:" + TestServer.ACCOUNT_ID + ":key/0b5c4f2e-0000-4000-8000-000000000001";
    private static final String RADIOLOGY_KEY =
            "arn:aws:kms:us-east-1:" + TestServer.ACCOUNT_ID + ":key/0b5c4f2e-0000-4000-8000-000000000002";
    private static final int WINDOW = 48;

    @Test
    void blobsOnDiskHoldNoPlaintextFramesReadBackBitExactAndRotationKeepsThemReadable(@TempDir Path work)
            throws Exception {
        Path keyFile = work.resolve("keys.json");
        writeKeys(keyFile, 1);
        Path input = Files.createDirectories(work.resolve("input"));
        List<Path> sources;
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01))) {
            sources = files.sorted().limit(4).toList();
        }
        for (Path source : sources) {
            Files.copy(source, input.resolve(source.getFileName()));
        }
        try (TestServer server = TestServer.start(
                        Backend.SQLITE,
                        Map.of("OPENAHI_KEY_FILE", keyFile.toString(), "OPENAHI_FILE_ROOTS", work.toString()));
                MedicalImagingClient client = server.client()) {
            assertThatThrownBy(() -> client.createDatastore(r -> r.datastoreName("unknown-key")
                            .kmsKeyArn("arn:aws:kms:us-east-1:" + TestServer.ACCOUNT_ID
                                    + ":key/0b5c4f2e-0000-4000-8000-000000000009")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("is not a master key of this server's key file");
            String imported =
                    client.createDatastore(r -> r.datastoreName("encrypted")).datastoreId();
            String radiology = client.createDatastore(
                            r -> r.datastoreName("radiology").kmsKeyArn(RADIOLOGY_KEY))
                    .datastoreId();
            assertThat(client.getDatastore(r -> r.datastoreId(radiology))
                            .datastoreProperties()
                            .kmsKeyArn())
                    .isEqualTo(RADIOLOGY_KEY);
            assertThat(Imports.run(client, imported, "file://" + input + "/", "file://" + work.resolve("out") + "/")
                            .job()
                            .jobStatusAsString())
                    .isEqualTo("COMPLETED");
            RawHttp.Request stow = new RawHttp.Request(server)
                    .method("POST")
                    .path("/datastore/" + radiology + "/studies")
                    .header("Content-Type", "application/dicom")
                    .header("Accept", "application/dicom+json");
            stow.body = Files.readAllBytes(sources.get(0));
            assertThat(stow.send(server).status()).isEqualTo(200);

            String edited = client.searchImageSets(r -> r.datastoreId(imported))
                    .imageSetsMetadataSummaries()
                    .get(0)
                    .imageSetId();
            ImageSets.updateAndWait(
                    client, imported, edited, "1", ImageSets.studyAttribute("StudyDescription", "Encrypted edit"));
            List<byte[]> codestreams = assertFramesBitExact(client, imported, sources);
            codestreams.addAll(assertFramesBitExact(client, radiology, sources.subList(0, 1)));
            List<byte[]> plaintexts = new ArrayList<>(codestreams);
            for (Path source : sources) {
                DicomFile file = DicomReader.read(source);
                plaintexts.add(file.pixelData().frame(0).readAllBytes());
                plaintexts.add(
                        file.dataset().getString(Tag.SOPInstanceUID).strip().getBytes(StandardCharsets.US_ASCII));
                plaintexts.add(
                        file.dataset().getString(Tag.SeriesDescription).strip().getBytes(StandardCharsets.UTF_8));
            }
            Path blobs = server.dataDirectory().path().resolve("blobs");
            assertThat(headerOwners(blobs))
                    .as("every blob under its data store's key, the update's document too")
                    .containsExactlyInAnyOrder(imported, radiology);
            plaintexts.add("Encrypted edit".getBytes(StandardCharsets.US_ASCII));
            assertNoPlaintext(blobs, plaintexts);
            // The import and the STOW-RS would have kept each frame's decoded samples on disk, in the clear.
            assertThat(server.dataDirectory().path().resolve("decoded-frames"))
                    .as("decoded frames on disk are off when blobs are encrypted")
                    .doesNotExist();

            writeKeys(keyFile, 1, 2);
            server.restart(); // the data keys are re-wrapped with version 2
            try (MedicalImagingClient restarted = server.client()) {
                assertFramesBitExact(restarted, imported, sources);
            }
            writeKeys(keyFile, 2);
            server.restart();
            try (MedicalImagingClient restarted = server.client()) {
                assertFramesBitExact(restarted, imported, sources);
                assertFramesBitExact(restarted, radiology, sources.subList(0, 1));
            }
            assertNoPlaintext(blobs, plaintexts);
        }
    }

    /** Every frame of the data store's image sets decodes to the source's samples; their codestreams as served. */
    private static List<byte[]> assertFramesBitExact(
            MedicalImagingClient client, String datastoreId, List<Path> sources) throws IOException {
        Map<String, DicomFile> bySop = new java.util.HashMap<>();
        for (Path source : sources) {
            DicomFile file = DicomReader.read(source);
            bySop.put(file.dataset().getString(Tag.SOPInstanceUID).strip(), file);
        }
        List<byte[]> codestreams = new ArrayList<>();
        int compared = 0;
        for (var summary :
                client.searchImageSets(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries()) {
            String imageSetId = summary.imageSetId();
            JsonNode document = Imports.metadata(client, datastoreId, imageSetId, null);
            for (var series : iterable(document.path("Study").path("Series"))) {
                for (var instance : iterable(series.getValue().path("Instances"))) {
                    DicomFile source = bySop.get(instance.getKey());
                    JsonNode frame = instance.getValue().path("ImageFrames").get(0);
                    DecodedImage decoded = Imports.frameMatchingItsChecksum(client, datastoreId, imageSetId, frame);
                    assertThat(decoded.samples())
                            .as("frame of " + instance.getKey())
                            .isEqualTo(SourceInstances.frameSamples(source, 0));
                    codestreams.add(Imports.frame(
                            client, datastoreId, imageSetId, frame.path("ID").asText()));
                    compared++;
                }
            }
        }
        assertThat(compared).as("frames compared in " + datastoreId).isEqualTo(sources.size());
        return codestreams;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object.properties();
    }

    /** No file under {@code blobs} holds any {@value #WINDOW}-byte window (every 1 KB) of any plaintext. */
    private static void assertNoPlaintext(Path blobs, List<byte[]> plaintexts) throws IOException {
        List<Path> files = DataDirectory.regularFiles(blobs).stream()
                .filter(file -> !file.getFileName().toString().startsWith("openahi-"))
                .toList();
        assertThat(files).as("blob files: 5 frames, 3 metadata documents").hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            byte[] stored = Files.readAllBytes(file);
            assertThat(new String(stored, 0, 8, StandardCharsets.US_ASCII))
                    .as(file.toString())
                    .isEqualTo("OAHIENC1");
            for (byte[] plaintext : plaintexts) {
                int step = Math.max(1, Math.min(1024, plaintext.length - WINDOW));
                for (int offset = 0; offset + Math.min(WINDOW, plaintext.length) <= plaintext.length; offset += step) {
                    byte[] window = Arrays.copyOfRange(plaintext, offset, offset + Math.min(WINDOW, plaintext.length));
                    assertThat(indexOf(stored, window))
                            .as("plaintext in " + file)
                            .isNegative();
                }
            }
        }
    }

    private static List<String> headerOwners(Path blobs) throws IOException {
        return DataDirectory.regularFiles(blobs).stream()
                .filter(file -> !file.getFileName().toString().startsWith("openahi-"))
                .map(file -> {
                    try {
                        return new String(Files.readAllBytes(file), 8, 32, StandardCharsets.US_ASCII).strip();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .distinct()
                .toList();
    }

    /** The two master keys with the given versions; a version's material is the same in every file. */
    static void writeKeys(Path file, int... versions) throws IOException {
        StringBuilder json = new StringBuilder("{\"default\": \"" + DEFAULT_KEY + "\", \"keys\": [");
        for (String arn : List.of(DEFAULT_KEY, RADIOLOGY_KEY)) {
            json.append(arn.equals(DEFAULT_KEY) ? "" : ",")
                    .append("{\"arn\": \"")
                    .append(arn)
                    .append("\", \"versions\": [");
            for (int i = 0; i < versions.length; i++) {
                byte[] material = new byte[32];
                new Random(arn.hashCode() * 31L + versions[i]).nextBytes(material);
                json.append(i == 0 ? "" : ",")
                        .append("{\"version\": ")
                        .append(versions[i])
                        .append(", \"material\": \"")
                        .append(Base64.getEncoder().encodeToString(material))
                        .append("\"}");
            }
            json.append("]}");
        }
        Files.writeString(file, json.append("]}"));
    }

    /** Where {@code pattern} starts in {@code data}, or -1 (Latin-1 maps each byte to one char). */
    private static int indexOf(byte[] data, byte[] pattern) {
        return new String(data, StandardCharsets.ISO_8859_1).indexOf(new String(pattern, StandardCharsets.ISO_8859_1));
    }
}
