package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.Dcm2JsonComparison;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * The acceptance test, as a browser viewer does it: dicomweb-client (the JavaScript DICOMweb client OHIF
 * uses, from npm, {@code src/test/js}) with a bearer token stores the GE study by STOW-RS, finds it by QIDO-RS
 * (PatientID, a StudyDate range, ModalitiesInStudy) and retrieves every series' metadata and each instance's first
 * frame by WADO-RS. Here the metadata is compared with dcm2json's of the source files and the frames with their
 * pixels. Needs node, dcm2json and the npm packages ({@code .ci/setup.d/30-dicomweb-client.sh}).
 */
class DicomWebClientIT {
    private static final String BEARER_TOKEN = "ohif-viewer-token-91c2";
    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    @Test
    void dicomwebClientStoresFindsAndRetrievesTheGeStudy(@TempDir Path output) throws Exception {
        Oracles.require("node");
        Oracles.require("dcm2json");
        Path scripts = Path.of("src/test/js").toAbsolutePath();
        boolean installed = Files.isDirectory(scripts.resolve("node_modules/dicomweb-client"));
        if (!installed && Oracles.required()) {
            throw new AssertionError("dicomweb-client is not installed in " + scripts + " (npm ci there)");
        }
        assumeTrue(installed, "dicomweb-client is not installed in " + scripts + "; run npm ci there");

        Map<String, Path> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(SharedCorpus.geStudy())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sources.put(
                        DicomReader.read(file)
                                .dataset()
                                .getString(Tag.SOPInstanceUID)
                                .strip(),
                        file);
            }
        }
        Dataset first = DicomReader.read(sources.values().iterator().next()).dataset();
        LocalDate studyDate = LocalDate.parse(first.getString(Tag.StudyDate), DICOM_DATE);

        try (TestServer server =
                TestServer.start(Backend.SQLITE, Map.of("OPENAHI_DICOMWEB_BEARER_TOKEN", BEARER_TOKEN))) {
            String datastoreId = server.client()
                    .createDatastore(r -> r.datastoreName("dicomweb-client"))
                    .datastoreId();
            ProcessBuilder node = new ProcessBuilder(
                            "node",
                            "dicomweb-client-acceptance.js",
                            "http://localhost:" + server.port() + "/datastore/" + datastoreId,
                            BEARER_TOKEN,
                            SharedCorpus.geStudy().toString(),
                            output.toString())
                    .directory(scripts.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            node.environment().put("PATIENT_ID", first.getString(Tag.PatientID));
            node.environment()
                    .put(
                            "STUDY_DATE_RANGE",
                            studyDate.minusDays(1).format(DICOM_DATE) + "-"
                                    + studyDate.plusDays(1).format(DICOM_DATE));
            Process process = node.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue())
                    .as(new String(stdout, StandardCharsets.UTF_8))
                    .isZero();
            JsonNode summary = Imports.JSON.readTree(stdout);
            assertThat(summary.path("stored").asInt()).isEqualTo(sources.size());
            assertThat(summary.path("studies").asInt()).isEqualTo(1);
            assertThat(summary.path("series").asInt()).isEqualTo(5);
            assertThat(summary.path("numberOfStudyRelatedInstances").asInt()).isEqualTo(sources.size());
            assertThat(summary.path("frames").asInt()).isEqualTo(sources.size());
        }

        int attributes = 0;
        int frames = 0;
        try (Stream<Path> files = Files.list(output)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                for (JsonNode instance : Imports.JSON.readTree(file.toFile())) {
                    String sop = instance.at("/00080018/Value/0").asText();
                    Path source = sources.get(sop);
                    assertThat(source).as("retrieved instance " + sop).isNotNull();
                    attributes += Dcm2Json.assertEqual(
                            source,
                            instance,
                            EnumSet.of(
                                    Dcm2JsonComparison.Allowed.FILE_META,
                                    Dcm2JsonComparison.Allowed.PIXEL_DATA_ABSENT));
                    DicomFile dicom = DicomReader.read(source);
                    assertThat(Files.readAllBytes(output.resolve(sop + ".frame1")))
                            .as("frame 1 of " + sop)
                            .isEqualTo(dicom.pixelData().frame(0).readAllBytes());
                    frames++;
                }
            }
        }
        assertThat(frames).isEqualTo(sources.size());
        System.out.println("DicomWebClientIT: dicomweb-client stored " + sources.size() + " instances; " + attributes
                + " attribute values equal dcm2json's and " + frames + " frames equal the source pixels");
    }
}
