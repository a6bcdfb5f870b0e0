package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * A frame that does not decode fails its whole file: corpus files in three codecs with one frame cut short are
 * imported beside an intact file; each damaged file is a FAILURE line naming the frame and the codec's reason, the
 * intact one is imported, no blob of the damaged files is left, and STOW-RS refuses the same file with the reason.
 */
class CorruptFrameIT {
    /** Corpus files and the frame (1-based) cut to half its length. */
    private static final Map<String, Integer> DAMAGED = Map.of(
            "pydicom-data/emri_small_jpeg_ls_lossless.dcm", 5,
            "pydicom-data/emri_small_RLE.dcm", 7,
            "pydicom-data/liver_deflate.dcm", 2);

    private static final String INTACT = "pydicom/test_files/MR_small_RLE.dcm";

    @Test
    void aFrameThatDoesNotDecodeFailsItsFileAndLeavesNothing(@TempDir Path work) throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        Path output = Files.createDirectories(work.resolve("output"));
        Map<String, Integer> damaged = new TreeMap<>();
        for (Map.Entry<String, Integer> file : DAMAGED.entrySet()) {
            String name = file.getKey().replace('/', '_');
            withFrameCut(SharedCorpus.dicom(file.getKey()), file.getValue(), input.resolve(name));
            damaged.put(name, file.getValue());
        }
        Files.copy(SharedCorpus.dicom(INTACT), input.resolve("intact.dcm"));

        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()));
                MedicalImagingClient client = server.client()) {
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName("corrupt")).datastoreId();
            Imports.Finished finished = Imports.run(
                    client,
                    datastoreId,
                    input.toUri().toString(),
                    output.toUri().toString());
            assertThat(finished.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
            Path folder = Imports.folder(finished.job());
            List<JsonNode> failures = Imports.ndjson(folder.resolve("FAILURE/failure.ndjson"));
            Map<String, String> reasons = new TreeMap<>();
            for (JsonNode line : failures) {
                assertThat(line.at("/exception/exceptionType").asText()).isEqualTo("ValidationException");
                String file = line.path("inputFile").asText();
                reasons.put(
                        file.substring(file.lastIndexOf('/') + 1),
                        line.at("/exception/message").asText());
            }
            System.out.println("CorruptFrameIT: " + reasons);
            assertThat(reasons.keySet()).isEqualTo(damaged.keySet());
            damaged.forEach(
                    (file, frame) -> assertThat(reasons.get(file)).as(file).startsWith("frame " + frame + ": "));
            assertThat(reasons.get("pydicom-data_emri_small_jpeg_ls_lossless.dcm"))
                    .contains("the JPEG-LS frame cannot be decoded: JPEG-LS-");
            assertThat(reasons.get("pydicom-data_emri_small_RLE.dcm")).contains("RLE literal run overruns its segment");
            assertThat(reasons.get("pydicom-data_liver_deflate.dcm")).contains("the deflated frame inflates to");
            assertThat(Imports.ndjson(folder.resolve("SUCCESS/success.ndjson")))
                    .hasSize(1)
                    .allSatisfy(
                            line -> assertThat(line.path("inputFile").asText()).endsWith("intact.dcm"));

            server.dataDirectory().awaitNoOrphanBlobs();
            assertThat(server.dataDirectory().query("SELECT count(*) FROM image_frame"))
                    .containsExactly("1");

            RawHttp.Request stow = new RawHttp.Request(server)
                    .method("POST")
                    .path("/datastore/" + datastoreId + "/studies")
                    .header("Content-Type", "application/dicom")
                    .header("Accept", "application/dicom+json");
            stow.body = Files.readAllBytes(input.resolve("pydicom-data_emri_small_jpeg_ls_lossless.dcm"));
            RawHttp.Response refused = stow.send(server);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.header("warning")).contains("frame 5: the JPEG-LS frame cannot be decoded");
            assertThat(server.dataDirectory().query("SELECT count(*) FROM image_frame"))
                    .containsExactly("1");
        }
    }

    /** A copy of an encapsulated file whose frame {@code cut} (1-based) keeps only the first half of its bytes. */
    private static void withFrameCut(Path source, int cut, Path copy) throws IOException {
        DicomFile file = DicomReader.read(source);
        List<BulkData> frames = new ArrayList<>();
        for (int frame = 0; frame < file.pixelData().frameCount(); frame++) {
            byte[] bytes = file.pixelData().frame(frame).readAllBytes();
            frames.add(BulkData.of(frame + 1 == cut ? Arrays.copyOf(bytes, bytes.length / 2 & ~1) : bytes));
        }
        file.dataset().put(Element.of(Tag.PixelData, VR.OB, Fragments.ofFrames(frames)));
        try (OutputStream out = Files.newOutputStream(copy)) {
            DicomWriter.write(out, file.fileMeta(), file.dataset(), file.transferSyntax());
        }
    }
}
