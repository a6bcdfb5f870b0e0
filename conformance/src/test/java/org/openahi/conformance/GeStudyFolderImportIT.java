package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.htj2k.DecodedImage;
import org.openahi.testing.Dcm2JsonComparison;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetWorkflowStatus;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * The GE MR study (235 instances, 5 series) imported from a folder through the SDK: five primary image sets,
 * every attribute of every instance in the metadata documents, every frame decoding to the source pixels with
 * the checksum the document gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeStudyFolderImportIT {
    private TestServer server;
    private MedicalImagingClient client;
    private String datastoreId;
    private Imports.Finished finished;
    private Path jobFolder;
    private Map<String, DicomFile> sources;

    @BeforeAll
    void importStudy(@TempDir Path output) throws Exception {
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", SharedCorpus.dicom() + "," + output));
        client = server.client();
        datastoreId = client.createDatastore(r -> r.datastoreName("ge")).datastoreId();
        finished = Imports.run(
                client,
                datastoreId,
                SharedCorpus.geStudy().toUri().toString(),
                output.toUri().toString());
        jobFolder = Imports.folder(finished.job());
        sources = SourceInstances.bySopInstanceUid(SharedCorpus.geStudy());
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theJobCompletesAndReportedItsProgressWhileRunning() {
        assertThat(finished.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(finished.job().message()).isNull();
        assertThat(finished.job().endedAt()).isAfterOrEqualTo(finished.job().submittedAt());
        assertThat(finished.job().inputS3Uri())
                .isEqualTo(SharedCorpus.geStudy().toUri().toString());
        assertThat(finished.observed())
                .anyMatch(seen -> seen.matches("IN_PROGRESS IN_PROGRESS: \\d+ of 235 files processed.*"));
    }

    @Test
    void theManifestsAccountForEveryFile() {
        JsonNode summary = Imports.manifest(jobFolder).path("jobSummary");
        assertThat(summary.path("numberOfScannedFiles").asInt()).isEqualTo(235);
        assertThat(summary.path("numberOfImportedFiles").asInt()).isEqualTo(235);
        assertThat(summary.path("numberOfFilesWithCustomerError").asInt()).isZero();
        assertThat(summary.path("numberOfFilesWithServerError").asInt()).isZero();
        assertThat(summary.path("numberOfGeneratedImageSets").asInt()).isEqualTo(5);
        List<JsonNode> successes = Imports.ndjson(jobFolder.resolve("SUCCESS/success.ndjson"));
        assertThat(successes).hasSize(235);
        assertThat(successes)
                .extracting(line -> line.path("inputFile").asText())
                .doesNotHaveDuplicates()
                .allMatch(file -> file.startsWith(SharedCorpus.geStudy().toString()));
        assertThat(successes)
                .allMatch(line -> line.at("/importResponse/isPrimary").asBoolean());
        assertThat(Imports.ndjson(jobFolder.resolve("FAILURE/failure.ndjson"))).isEmpty();
        assertThat(Imports.ndjson(jobFolder.resolve("WARNING/warning.ndjson"))).isEmpty();
    }

    @Test
    void eachSeriesIsOnePrimaryImageSetHoldingExactlyItsInstancesAndTheirAttributes() {
        Set<String> seriesSeen = new HashSet<>();
        int instances = 0;
        for (JsonNode set : Imports.manifest(jobFolder).at("/jobSummary/imageSetsSummary")) {
            String imageSetId = set.path("imageSetId").asText();
            GetImageSetResponse imageSet =
                    client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId));
            assertThat(imageSet.versionId()).isEqualTo("1");
            assertThat(imageSet.imageSetState()).isEqualTo(ImageSetState.ACTIVE);
            assertThat(imageSet.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.CREATED);
            assertThat(imageSet.isPrimary()).isTrue();
            assertThat(imageSet.imageSetArn()).endsWith(":datastore/" + datastoreId + "/imageset/" + imageSetId);

            JsonNode document = Imports.metadata(client, datastoreId, imageSetId, null);
            assertThat(document.path("SchemaVersion").asText()).isEqualTo("1.1");
            assertThat(document.path("DatastoreID").asText()).isEqualTo(datastoreId);
            assertThat(document.path("ImageSetID").asText()).isEqualTo(imageSetId);
            assertThat(document.at("/Patient/DICOM/PatientName").isTextual()).isTrue();
            assertThat(document.at("/Study/DICOM/StudyInstanceUID").asText()).isNotBlank();
            String seriesUid =
                    document.path("Study").path("Series").fieldNames().next();
            assertThat(seriesSeen.add(seriesUid)).as("one image set per series").isTrue();
            JsonNode entries = Imports.instances(document);
            assertThat(entries.size())
                    .isEqualTo(set.path("numberOfMatchedSOPInstances").asInt());
            entries.properties().forEach(entry -> {
                DicomFile source = sources.get(entry.getKey());
                assertThat(source).as("source of " + entry.getKey()).isNotNull();
                assertThat(source.dataset().getString(Tag.SeriesInstanceUID).strip())
                        .isEqualTo(seriesUid);
                assertThat(entry.getValue().at("/DICOM/SOPInstanceUID").asText())
                        .isEqualTo(entry.getKey());
                assertThat(entry.getValue().path("StoredTransferSyntaxUID").asText())
                        .isEqualTo("1.2.840.10008.1.2.4.202");
                assertThat(entry.getValue().at("/DICOM/PixelData").isNull()).isTrue();
                SourceInstances.assertAttributesEqual(source, document, entry.getValue());
            });
            instances += entries.size();
        }
        assertThat(seriesSeen).hasSize(5);
        assertThat(instances).isEqualTo(235);
    }

    @Test
    void everyFrameDecodesWithOpenJphToTheSourcePixels(@TempDir Path work) throws Exception {
        Oracles.require("ojph_expand");
        int frames = 0;
        for (JsonNode set : Imports.manifest(jobFolder).at("/jobSummary/imageSetsSummary")) {
            String imageSetId = set.path("imageSetId").asText();
            JsonNode entries = Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null));
            for (Map.Entry<String, JsonNode> entry : entries.properties()) {
                Path codestream = work.resolve("frame.j2c");
                Path raw = work.resolve("frame.yuv");
                byte[] stored = Imports.frame(
                        client,
                        datastoreId,
                        imageSetId,
                        entry.getValue().at("/ImageFrames/0/ID").asText());
                Files.write(codestream, codestreamOf(stored));
                Oracles.runOk(List.of("ojph_expand", "-i", codestream.toString(), "-o", raw.toString()));
                byte[] decoded = Files.readAllBytes(raw);
                int[] expected = SourceInstances.frameSamples(sources.get(entry.getKey()), 0);
                int[] actual = new int[decoded.length / 2];
                for (int i = 0; i < actual.length; i++) {
                    actual[i] = (decoded[2 * i] & 0xff) | (decoded[2 * i + 1] & 0xff) << 8;
                }
                assertThat(actual).as(entry.getKey()).isEqualTo(expected);
                frames++;
            }
        }
        assertThat(frames).isEqualTo(235);
        System.out.println("GeStudyFolderImportIT: " + frames + " frames decoded by ojph_expand equal their sources");
    }

    /**
     * The contiguous codestream box (jp2c) of a JPH file, read box by box here (length, type) so the check does
     * not lean on the project's own parser; ojph_expand 0.9 reads bare codestreams.
     */
    private static byte[] codestreamOf(byte[] jph) {
        int offset = 0;
        while (offset + 8 <= jph.length) {
            long length = ByteBuffer.wrap(jph, offset, 4).getInt() & 0xffffffffL;
            String type = new String(jph, offset + 4, 4, StandardCharsets.US_ASCII);
            int header = 8;
            if (length == 1) {
                length = ByteBuffer.wrap(jph, offset + 8, 8).getLong();
                header = 16;
            } else if (length == 0) {
                length = jph.length - offset;
            }
            if (type.equals("jp2c")) {
                return Arrays.copyOfRange(jph, offset + header, (int) (offset + length));
            }
            offset += (int) length;
        }
        throw new AssertionError("No jp2c box in the stored frame");
    }

    @Test
    void storedFramesAreJphFilesAsAhiServesThem() {
        JsonNode set = Imports.manifest(jobFolder).at("/jobSummary/imageSetsSummary/0");
        String imageSetId = set.path("imageSetId").asText();
        JsonNode instance = Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null))
                .elements()
                .next();
        try (var response = client.getImageFrame(r -> r.datastoreId(datastoreId)
                .imageSetId(imageSetId)
                .imageFrameInformation(
                        f -> f.imageFrameId(instance.at("/ImageFrames/0/ID").asText())))) {
            assertThat(response.response().contentType()).isEqualTo("image/jph");
            byte[] bytes = response.readAllBytes();
            assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("jP  ");
            assertThat(codestreamOf(bytes)).startsWith(0xFF, 0x4F, 0xFF, 0x51);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theMetadataOfOneInstancePerSeriesAgreesWithDcm2json() throws Exception {
        int compared = 0;
        for (JsonNode set : Imports.manifest(jobFolder).at("/jobSummary/imageSetsSummary")) {
            JsonNode document =
                    Imports.metadata(client, datastoreId, set.path("imageSetId").asText(), null);
            String series = document.path("Study").path("Series").fieldNames().next();
            String sop = Imports.instances(document).fieldNames().next();
            compared += Dcm2Json.assertEqual(
                    sourceFile(sop),
                    DocumentJson.instance(document, series, sop),
                    EnumSet.of(Dcm2JsonComparison.Allowed.FILE_META, Dcm2JsonComparison.Allowed.PIXEL_DATA_ABSENT));
        }
        assertThat(compared).isGreaterThan(5 * 50);
        System.out.println("GeStudyFolderImportIT: " + compared + " attribute values agree with dcm2json");
    }

    private Path sourceFile(String sopInstanceUid) throws Exception {
        try (var files = Files.walk(SharedCorpus.geStudy())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (org.openahi.dicom.io.DicomReader.read(file)
                        .dataset()
                        .getString(Tag.SOPInstanceUID)
                        .strip()
                        .equals(sopInstanceUid)) {
                    return file;
                }
            }
        }
        throw new AssertionError("No source file for " + sopInstanceUid);
    }

    @Test
    void everyFrameDecodesToTheSourcePixelsWithTheDocumentsChecksum() throws Exception {
        int frames = 0;
        for (JsonNode set : Imports.manifest(jobFolder).at("/jobSummary/imageSetsSummary")) {
            String imageSetId = set.path("imageSetId").asText();
            JsonNode entries = Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null));
            for (Map.Entry<String, JsonNode> entry : entries.properties()) {
                DicomFile source = sources.get(entry.getKey());
                JsonNode imageFrames = entry.getValue().path("ImageFrames");
                assertThat(imageFrames.size()).isEqualTo(source.pixelData().frameCount());
                for (int i = 0; i < imageFrames.size(); i++) {
                    JsonNode frame = imageFrames.get(i);
                    DecodedImage decoded = Imports.frameMatchingItsChecksum(client, datastoreId, imageSetId, frame);
                    int[] expected = SourceInstances.frameSamples(source, i);
                    assertThat(decoded.samples())
                            .as(entry.getKey() + " frame " + i)
                            .isEqualTo(expected);
                    assertThat(frame.path("MinPixelValue").asInt())
                            .isEqualTo(java.util.Arrays.stream(expected).min().orElseThrow());
                    assertThat(frame.path("MaxPixelValue").asInt())
                            .isEqualTo(java.util.Arrays.stream(expected).max().orElseThrow());
                    frames++;
                }
            }
        }
        assertThat(frames).isEqualTo(235);
        System.out.println("GeStudyFolderImportIT: " + frames + " frames decoded and compared with their sources");
    }
}
