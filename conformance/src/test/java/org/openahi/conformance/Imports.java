package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetMetadataResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/** Starting import jobs, waiting for them and reading what they produced, through the SDK. */
final class Imports {
    static final String ROLE = "arn:aws:iam::123456789012:role/ImportRole";
    static final ObjectMapper JSON = new ObjectMapper();

    private Imports() {}

    /** A job's final properties, and every status and message seen while polling. */
    record Finished(DICOMImportJobProperties job, List<String> observed) {}

    static String start(MedicalImagingClient client, String datastoreId, String input, String output) {
        return client.startDICOMImportJob(r -> r.datastoreId(datastoreId)
                        .dataAccessRoleArn(ROLE)
                        .inputS3Uri(input)
                        .outputS3Uri(output))
                .jobId();
    }

    static Finished await(MedicalImagingClient client, String datastoreId, String jobId, Duration timeout) {
        List<String> observed = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            DICOMImportJobProperties job = client.getDICOMImportJob(
                            r -> r.datastoreId(datastoreId).jobId(jobId))
                    .jobProperties();
            String seen = job.jobStatus() + " " + job.message();
            if (observed.isEmpty() || !observed.getLast().equals(seen)) { // short enough to read when a test fails
                observed.add(seen);
            }
            if (job.jobStatus() == JobStatus.COMPLETED || job.jobStatus() == JobStatus.FAILED) {
                return new Finished(job, observed);
            }
            sleep(50);
        }
        throw new AssertionError("Import job " + jobId + " did not end within " + timeout + "; saw " + observed);
    }

    static Finished run(MedicalImagingClient client, String datastoreId, String input, String output) {
        return await(client, datastoreId, start(client, datastoreId, input, output), Duration.ofMinutes(10));
    }

    /** The job's output folder (a file:/// URI) as a path. */
    static Path folder(DICOMImportJobProperties job) {
        assertThat(job.outputS3Uri()).startsWith("file:///").endsWith("-DicomImport-" + job.jobId() + "/");
        return Path.of(java.net.URI.create(job.outputS3Uri()));
    }

    static JsonNode manifest(Path jobFolder) {
        return read(jobFolder.resolve("job-output-manifest.json"));
    }

    static List<JsonNode> ndjson(Path file) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GetImageSetMetadata, checked to be gzip JSON as AHI sends it, and parsed. */
    static JsonNode metadata(MedicalImagingClient client, String datastoreId, String imageSetId, String version) {
        try (ResponseInputStream<GetImageSetMetadataResponse> response = client.getImageSetMetadata(
                r -> r.datastoreId(datastoreId).imageSetId(imageSetId).versionId(version))) {
            assertThat(response.response().contentType()).isEqualTo("application/json");
            assertThat(response.response().contentEncoding()).isEqualTo("gzip");
            return JSON.readTree(new GZIPInputStream(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] frame(MedicalImagingClient client, String datastoreId, String imageSetId, String frameId) {
        try (var response = client.getImageFrame(r -> r.datastoreId(datastoreId)
                .imageSetId(imageSetId)
                .imageFrameInformation(f -> f.imageFrameId(frameId)))) {
            return response.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a frame through GetImageFrame, decodes it and checks it against its entry in the metadata document:
     * CRC-32 of the decoded samples equals the full-resolution PixelDataChecksumFromBaseToFullResolution, and the size
     * is the document's. Returns the decoded frame.
     */
    static DecodedImage frameMatchingItsChecksum(
            MedicalImagingClient client, String datastoreId, String imageSetId, JsonNode frameEntry) {
        String frameId = frameEntry.path("ID").asText();
        DecodedImage decoded;
        try {
            decoded = new Htj2kDecoder().decode(frame(client, datastoreId, imageSetId, frameId));
        } catch (Htj2kException e) {
            throw new AssertionError("frame " + frameId + " of image set " + imageSetId + " does not decode", e);
        }
        CRC32 crc = new CRC32();
        crc.update(decoded.nativeBytes());
        JsonNode checksums = frameEntry.path("PixelDataChecksumFromBaseToFullResolution");
        JsonNode full = checksums.get(checksums.size() - 1);
        assertThat(full.path("Checksum").asLong())
                .as("checksum of frame %s", frameId)
                .isEqualTo(crc.getValue());
        assertThat(full.path("Width").asInt()).as("width of frame %s", frameId).isEqualTo(decoded.width());
        assertThat(full.path("Height").asInt())
                .as("height of frame %s", frameId)
                .isEqualTo(decoded.height());
        assertThat(frameEntry.path("FrameSizeInBytes").asLong())
                .as("size of frame %s", frameId)
                .isEqualTo(decoded.nativeBytes().length);
        return decoded;
    }

    /** The instances of an image set's metadata document, SOP Instance UID → instance entry. */
    static JsonNode instances(JsonNode document) {
        JsonNode series = document.path("Study").path("Series");
        assertThat(series.size()).as("series in the image set").isEqualTo(1);
        return series.elements().next().path("Instances");
    }

    /**
     * Exactly the manifest's image sets are {@code visible}, each ACTIVE, with all its instances and every frame as its
     * checksum says; the job imported {@code files} files of one frame each.
     */
    static void assertCompleteImageSets(
            MedicalImagingClient client, String datastoreId, JsonNode summary, Set<String> visible, int files) {
        assertThat(summary.path("numberOfImportedFiles").asInt()).isEqualTo(files);
        Set<String> committed = new HashSet<>();
        summary.path("imageSetsSummary")
                .forEach(set -> committed.add(set.path("imageSetId").asText()));
        assertThat(visible).as("only the committed image sets exist").isEqualTo(committed);
        int frames = 0;
        for (JsonNode set : summary.path("imageSetsSummary")) {
            String imageSetId = set.path("imageSetId").asText();
            assertThat(client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                            .imageSetState())
                    .isEqualTo(ImageSetState.ACTIVE);
            JsonNode instances = Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null));
            assertThat(instances.size())
                    .isEqualTo(set.path("numberOfMatchedSOPInstances").asInt());
            for (JsonNode instance : instances) {
                for (JsonNode frame : instance.path("ImageFrames")) {
                    Imports.frameMatchingItsChecksum(client, datastoreId, imageSetId, frame);
                    frames++;
                }
            }
        }
        assertThat(frames).isEqualTo(files);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
