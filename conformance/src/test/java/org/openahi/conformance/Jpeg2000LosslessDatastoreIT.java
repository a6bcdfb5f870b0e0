package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.PixelValues;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DatastoreStatus;
import software.amazon.awssdk.services.medicalimaging.model.GetImageFrameResponse;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;
import software.amazon.awssdk.services.medicalimaging.model.LosslessStorageFormat;

/**
 * A {@code JPEG_2000_LOSSLESS} data store through the AWS SDK for Java v2: the corpus's native files (Explicit and
 * Implicit VR Little Endian, Explicit VR Big Endian, Deflated) imported in one job are stored as JPEG 2000 lossless
 * (1.2.840.10008.1.2.4.90), and every frame GetImageFrame returns is an {@code image/j2c} codestream that OpenJPEG's
 * opj_decompress decodes to exactly the source's pixel values. Files the encoder cannot take (more than 16 bits,
 * binary segmentations, subsampled YBR) are imported with a warning and kept native, as in HTJ2K data stores.
 */
class Jpeg2000LosslessDatastoreIT {
    private static final Set<String> NATIVE =
            Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99");
    private static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";

    @Test
    void nativeCorpusFilesAreStoredAsJpeg2000LosslessThatOpenJpegDecodesToTheSource(@TempDir Path work)
            throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        Path output = Files.createDirectories(work.resolve("output"));
        Map<String, String> sources = new TreeMap<>();
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            if (NATIVE.contains(entry.transferSyntaxUid()) && !entry.broken()) {
                String name = entry.path().replace('/', '_');
                Files.copy(SharedCorpus.dicom(entry.path()), input.resolve(name));
                sources.put(name, entry.path());
            }
        }
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()));
                MedicalImagingClient client = server.client()) {
            String datastoreId = client.createDatastore(r ->
                            r.datastoreName("jpeg2000").losslessStorageFormat(LosslessStorageFormat.JPEG_2000_LOSSLESS))
                    .datastoreId();
            assertThat(client.getDatastore(r -> r.datastoreId(datastoreId)).datastoreProperties())
                    .satisfies(properties -> {
                        assertThat(properties.datastoreStatus()).isEqualTo(DatastoreStatus.ACTIVE);
                        assertThat(properties.losslessStorageFormat())
                                .isEqualTo(LosslessStorageFormat.JPEG_2000_LOSSLESS);
                    });
            long started = System.nanoTime();
            Imports.Finished finished = Imports.run(
                    client,
                    datastoreId,
                    input.toUri().toString(),
                    output.toUri().toString());
            long importMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(finished.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
            Path folder = Imports.folder(finished.job());
            List<JsonNode> success = Imports.ndjson(folder.resolve("SUCCESS/success.ndjson"));
            assertThat(Imports.manifest(folder)
                            .at("/jobSummary/numberOfFilesWithServerError")
                            .asInt())
                    .isZero();

            // Frames by instance; an instance several files share (the corpus holds copies) is checked only when
            // unique.
            Map<String, List<String>> filesBySop = new HashMap<>();
            Map<String, DicomFile> files = new HashMap<>();
            for (JsonNode line : success) {
                String name =
                        Path.of(line.path("inputFile").asText()).getFileName().toString();
                DicomFile file = DicomReader.read(input.resolve(name));
                files.put(name, file);
                filesBySop
                        .computeIfAbsent(
                                file.dataset().getString(Tag.SOPInstanceUID).strip(), sop -> new ArrayList<>())
                        .add(name);
            }
            Path codestreams = Files.createDirectories(work.resolve("codestreams"));
            Map<String, long[]> expected = new HashMap<>();
            Map<String, String> layouts = new HashMap<>();
            int instances = 0;
            for (JsonNode line : success) {
                String name =
                        Path.of(line.path("inputFile").asText()).getFileName().toString();
                DicomFile source = files.get(name);
                String sop = source.dataset().getString(Tag.SOPInstanceUID).strip();
                if (filesBySop.get(sop).size() > 1 || source.pixelData() == null) {
                    continue;
                }
                String imageSetId = line.at("/importResponse/imageSetId").asText();
                JsonNode instance = instance(Imports.metadata(client, datastoreId, imageSetId, null), sop);
                assertThat(instance.path("StoredTransferSyntaxUID").asText())
                        .as(name)
                        .isEqualTo(JPEG_2000_LOSSLESS);
                JsonNode frames = instance.path("ImageFrames");
                assertThat(frames.size())
                        .as(name + " frames")
                        .isEqualTo(source.pixelData().frameCount());
                for (int frame = 0; frame < frames.size(); frame++) {
                    String frameId = frames.get(frame).path("ID").asText();
                    try (var response = client.getImageFrame(r -> r.datastoreId(datastoreId)
                            .imageSetId(imageSetId)
                            .imageFrameInformation(f -> f.imageFrameId(frameId)))) {
                        GetImageFrameResponse headers = response.response();
                        assertThat(headers.contentType()).as(name).isEqualTo("image/j2c");
                        byte[] codestream = response.readAllBytes();
                        assertThat(codestream)
                                .as(name + ": a bare codestream, SOC first")
                                .startsWith(0xff, 0x4f, 0xff, 0x51);
                        Files.write(codestreams.resolve(frameId + ".j2k"), codestream);
                    }
                    expected.put(frameId, sourceValues(source, frame));
                    layouts.put(frameId, name);
                }
                instances++;
            }
            Map<String, OpenJpeg.Planes> decoded = OpenJpeg.decodeAll(codestreams);
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, long[]> frame : expected.entrySet()) {
                OpenJpeg.Planes planes = decoded.get(frame.getKey());
                if (planes == null) {
                    differences.add(layouts.get(frame.getKey()) + ": OpenJPEG refused frame " + frame.getKey());
                    continue;
                }
                Dataset dataset = files.get(layouts.get(frame.getKey())).dataset();
                long[] ours = PixelValues.of(
                        planes.samples(),
                        dataset.getInt(Tag.Rows, 0),
                        dataset.getInt(Tag.Columns, 0),
                        dataset.getInt(Tag.SamplesPerPixel, 1),
                        8 * planes.bytes(),
                        dataset.getInt(Tag.BitsStored, 0),
                        dataset.getInt(Tag.PixelRepresentation, 0) == 1,
                        true);
                if (!Arrays.equals(ours, frame.getValue())) {
                    differences.add(layouts.get(frame.getKey()) + ": frame " + frame.getKey() + " differs");
                }
            }
            List<JsonNode> warnings = Imports.ndjson(folder.resolve("WARNING/warning.ndjson"));
            System.out.printf(
                    "Jpeg2000LosslessDatastoreIT: %d native files imported in %d ms (%d SUCCESS, %d kept native"
                            + " with a warning: %s); %d instances, %d frames from GetImageFrame decoded by opj_decompress%n",
                    sources.size(),
                    importMillis,
                    success.size(),
                    warnings.size(),
                    warnings.stream()
                            .map(line -> line.at("/importResponse/warnings/0/message")
                                    .asText())
                            .collect(Collectors.groupingBy(message -> message, TreeMap::new, Collectors.counting())),
                    instances,
                    expected.size());
            assertThat(differences)
                    .as("frames OpenJPEG decodes to other values than the source's")
                    .isEmpty();
            assertThat(expected).as("frames compared").isNotEmpty();
        }
    }

    /** The instance of a metadata document with this SOP Instance UID. */
    private static JsonNode instance(JsonNode document, String sop) {
        for (JsonNode series : document.path("Study").path("Series")) {
            JsonNode instance = series.path("Instances").path(sop);
            if (instance.isObject()) {
                return instance;
            }
        }
        throw new AssertionError("Instance " + sop + " is not in image set "
                + document.path("ImageSetID").asText());
    }

    private static long[] sourceValues(DicomFile source, int frame) throws IOException {
        Dataset dataset = source.dataset();
        return PixelValues.of(
                source.pixelData().frame(frame).readAllBytes(),
                dataset.getInt(Tag.Rows, 0),
                dataset.getInt(Tag.Columns, 0),
                dataset.getInt(Tag.SamplesPerPixel, 1),
                dataset.getInt(Tag.BitsAllocated, 0),
                dataset.getInt(Tag.BitsStored, dataset.getInt(Tag.BitsAllocated, 0)),
                dataset.getInt(Tag.PixelRepresentation, 0) == 1,
                dataset.getInt(Tag.PlanarConfiguration, 0) == 1);
    }
}
