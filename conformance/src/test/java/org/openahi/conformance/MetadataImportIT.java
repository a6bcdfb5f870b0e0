package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.S3ProxyServer;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;
import software.amazon.awssdk.services.medicalimaging.model.Operator;
import software.amazon.awssdk.services.medicalimaging.model.SearchByAttributeValue;
import software.amazon.awssdk.services.medicalimaging.model.SearchFilter;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * StartDICOMImportJob's {@code importConfiguration} (DICOM JSON metadata mappings), sent by raw signed request since
 * the SDK version the build uses predates the member: a study-level file replaces Patient and Study attributes of
 * every image set of the study, a series-level file the Series attributes of its series, each replacement listed in
 * the file's manifest line; mappings that cannot be applied fail the files they name, with the reason. Inputs come
 * from folders and from S3 (s3proxy), keys with spaces included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataImportIT {
    private static final String SERIES_A = "01_Ax_DWI_TENSOR_R2";
    private static final String SERIES_B = "02_Ax_DWI_TENSOR_R3";
    private static final int FILES_PER_SERIES = 3;

    private Path work;
    private TestServer server;
    private S3ProxyServer s3proxy;
    private S3Client s3;
    private MedicalImagingClient client;
    private String studyUid;
    private String seriesA;
    private String seriesB;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        this.work = work;
        s3proxy = S3ProxyServer.start();
        s3 = S3Proxies.client(s3proxy);
        server = TestServer.start(
                Backend.SQLITE,
                Map.of(
                        "OPENAHI_FILE_ROOTS",
                        work.toString(),
                        "OPENAHI_S3_ENDPOINT",
                        s3proxy.endpoint().toString(),
                        "OPENAHI_S3_ACCESS_KEY_ID",
                        S3ProxyServer.ACCESS_KEY_ID,
                        "OPENAHI_S3_SECRET_ACCESS_KEY",
                        S3ProxyServer.SECRET_ACCESS_KEY));
        client = server.client();
        seriesA = seriesUid(SERIES_A);
        seriesB = seriesUid(SERIES_B);
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
        s3.close();
        s3proxy.close();
    }

    private List<Path> sourceFiles(String series) throws IOException {
        try (Stream<Path> listed = Files.list(SharedCorpus.geStudy().resolve(series))) {
            return listed.sorted().limit(FILES_PER_SERIES).toList();
        }
    }

    private String seriesUid(String series) throws IOException {
        var dataset = DicomReader.read(sourceFiles(series).get(0)).dataset();
        studyUid = dataset.getString(Tag.StudyInstanceUID);
        return dataset.getString(Tag.SeriesInstanceUID);
    }

    /** A job's input folder: the first files of two series of the GE study, and the metadata files given. */
    private Path input(String name, Map<String, String> metadataFiles) throws IOException {
        Path input = work.resolve(name);
        for (String series : List.of(SERIES_A, SERIES_B)) {
            Path target = Files.createDirectories(input.resolve("dicom/" + series));
            for (Path file : sourceFiles(series)) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        for (Map.Entry<String, String> file : metadataFiles.entrySet()) {
            Path path = input.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return input;
    }

    private static ObjectNode mapping(String study, String series, String path) {
        ObjectNode mapping = Imports.JSON.createObjectNode().put("studyInstanceUID", study);
        if (series != null) {
            mapping.put("seriesInstanceUID", series);
        }
        return mapping.put("metadataFilePath", path);
    }

    private RawHttp.Response startJob(String datastoreId, Path input, String token, ObjectNode... mappings) {
        return startJob(
                datastoreId,
                input.toUri().toString(),
                work.resolve("out").toUri().toString(),
                token,
                mappings);
    }

    private RawHttp.Response startJob(
            String datastoreId, String input, String output, String token, ObjectNode... mappings) {
        ObjectNode body = Imports.JSON
                .createObjectNode()
                .put("clientToken", token)
                .put("dataAccessRoleArn", Imports.ROLE)
                .put("inputS3Uri", input)
                .put("outputS3Uri", output);
        ArrayNode list = body.putObject("importConfiguration")
                .putObject("dicomJsonMetadataImportConfiguration")
                .putArray("dicomMetadataMappings");
        for (ObjectNode mapping : mappings) {
            list.add(mapping);
        }
        return new RawHttp.Request(server)
                .method("POST")
                .path("/startDICOMImportJob/datastore/" + datastoreId)
                .body(body.toString())
                .send(server);
    }

    private Imports.Finished run(String datastoreId, Path input, String token, ObjectNode... mappings) {
        RawHttp.Response started = startJob(datastoreId, input, token, mappings);
        assertThat(started.status())
                .as(new String(started.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return Imports.await(client, datastoreId, started.json().path("jobId").asText(), Duration.ofMinutes(5));
    }

    private String imageSetOf(List<JsonNode> lines, String seriesFolder) {
        return lines.stream()
                .filter(line -> line.path("inputFile").asText().contains(seriesFolder))
                .findFirst()
                .orElseThrow()
                .at("/importResponse/imageSetId")
                .asText();
    }

    @Test
    void studyAndSeriesFilesReplaceTheirLevelsAttributesAndTheManifestsListEveryReplacement() throws Exception {
        Path input = input(
                "mapped",
                Map.of(
                        "meta/study.json",
                        "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Mapped^Patient\"}]},"
                                + "\"00081030\":{\"vr\":\"LO\",\"Value\":[\"Study described by JSON\"]},"
                                + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + studyUid + "\"]}}",
                        "meta/series-a.json",
                        "[{\"0008103E\":{\"vr\":\"LO\",\"Value\":[\"Série décrite\"]},"
                                + "\"00180015\":{\"vr\":\"CS\",\"Value\":[\"HEAD\"]}}]"));
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("mapped")).datastoreId();
        Imports.Finished finished = run(
                datastoreId,
                input,
                "mapped-1",
                mapping(studyUid, null, "meta/study.json"),
                mapping(studyUid, seriesA, "meta/series-a.json"));
        assertThat(finished.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);

        Path folder = Imports.folder(finished.job());
        List<JsonNode> successes = Imports.ndjson(folder.resolve("SUCCESS/success.ndjson"));
        assertThat(successes).hasSize(2 * FILES_PER_SERIES);
        assertThat(Imports.ndjson(folder.resolve("FAILURE/failure.ndjson"))).isEmpty();
        JsonNode summary = Imports.manifest(folder).path("jobSummary");
        assertThat(summary.path("numberOfScannedFiles").asInt()).isEqualTo(2 * FILES_PER_SERIES);
        assertThat(summary.path("numberOfImportedFiles").asInt()).isEqualTo(2 * FILES_PER_SERIES);

        JsonNode a = Imports.metadata(client, datastoreId, imageSetOf(successes, SERIES_A), null);
        JsonNode b = Imports.metadata(client, datastoreId, imageSetOf(successes, SERIES_B), null);
        for (JsonNode document : List.of(a, b)) {
            assertThat(document.at("/Patient/DICOM/PatientName").asText()).isEqualTo("Mapped^Patient");
            assertThat(document.at("/Study/DICOM/StudyDescription").asText()).isEqualTo("Study described by JSON");
            assertThat(document.at("/Study/DICOM/StudyInstanceUID").asText()).isEqualTo(studyUid);
        }
        assertThat(a.at("/Study/Series/" + seriesA + "/DICOM/SeriesDescription").asText())
                .isEqualTo("Série décrite");
        assertThat(a.at("/Study/Series/" + seriesA + "/DICOM/BodyPartExamined").asText())
                .isEqualTo("HEAD");
        Path fileB;
        try (Stream<Path> seriesB = Files.list(input.resolve("dicom/" + SERIES_B))) {
            fileB = seriesB.findFirst().orElseThrow();
        }
        String originalB = DicomReader.read(fileB).dataset().getString(Tag.SeriesDescription);
        assertThat(b.at("/Study/Series/" + seriesB + "/DICOM/SeriesDescription")
                        .asText()
                        .strip())
                .isEqualTo(originalB.strip());

        // Search summaries are read from the documents, so they carry the mapped values too.
        SearchFilter bySeries = SearchFilter.builder()
                .operator(Operator.EQUAL)
                .values(SearchByAttributeValue.builder()
                        .dicomSeriesInstanceUID(seriesA)
                        .build())
                .build();
        var found = client.searchImageSets(r -> r.datastoreId(datastoreId).searchCriteria(c -> c.filters(bySeries)))
                .imageSetsMetadataSummaries();
        assertThat(found).singleElement().satisfies(set -> {
            assertThat(set.dicomTags().dicomPatientName()).isEqualTo("Mapped^Patient");
            assertThat(set.dicomTags().dicomSeriesBodyPart()).isEqualTo("HEAD");
        });

        JsonNode lineA = successes.stream()
                .filter(line -> line.path("inputFile").asText().contains(SERIES_A))
                .findFirst()
                .orElseThrow();
        String originalName = DicomReader.read(Path.of(lineA.path("inputFile").asText()))
                .dataset()
                .getString(Tag.PatientName);
        assertThat(lineA.path("metadataOverrides"))
                .anySatisfy(o -> {
                    assertThat(o.path("metadataFilePath").asText()).isEqualTo("meta/study.json");
                    assertThat(o.path("level").asText()).isEqualTo("PATIENT");
                    assertThat(o.path("attribute").asText()).isEqualTo("PatientName");
                    assertThat(o.path("previous").asText().strip()).isEqualTo(originalName.strip());
                    assertThat(o.path("value").asText()).isEqualTo("Mapped^Patient");
                })
                .anySatisfy(o -> {
                    assertThat(o.path("metadataFilePath").asText()).isEqualTo("meta/series-a.json");
                    assertThat(o.path("level").asText()).isEqualTo("SERIES");
                    assertThat(o.path("attribute").asText()).isEqualTo("SeriesDescription");
                })
                .noneSatisfy(o -> assertThat(o.path("attribute").asText()).isEqualTo("StudyInstanceUID"));
        JsonNode lineB = successes.stream()
                .filter(line -> line.path("inputFile").asText().contains(SERIES_B))
                .findFirst()
                .orElseThrow();
        assertThat(lineB.path("metadataOverrides"))
                .allSatisfy(o -> assertThat(o.path("metadataFilePath").asText()).isEqualTo("meta/study.json"));

        // GetDICOMImportJob gives the configuration back (read raw: this SDK version drops the member).
        RawHttp.Response job = new RawHttp.Request(server)
                .method("GET")
                .path("/getDICOMImportJob/datastore/" + datastoreId + "/job/"
                        + finished.job().jobId())
                .send(server);
        assertThat(job.json()
                        .at("/jobProperties/importConfiguration/dicomJsonMetadataImportConfiguration"
                                + "/dicomMetadataMappings/1/seriesInstanceUID")
                        .asText())
                .isEqualTo(seriesA);
    }

    @Test
    void mappingsReadTheirFilesFromS3KeysWithSpaces() throws Exception {
        s3.createBucket(r -> r.bucket("mapped-in"));
        s3.createBucket(r -> r.bucket("mapped-out"));
        for (String series : List.of(SERIES_A, SERIES_B)) {
            for (Path file : sourceFiles(series)) {
                s3.putObject(
                        r -> r.bucket("mapped-in").key("my study/" + series + "/" + file.getFileName()),
                        RequestBody.fromFile(file));
            }
        }
        s3.putObject(
                r -> r.bucket("mapped-in").key("my study/meta data/study.json"),
                RequestBody.fromString("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"From^S3\"}]}}"));
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("mapped-s3")).datastoreId();
        RawHttp.Response started = startJob(
                datastoreId,
                "s3://mapped-in/my study/",
                "s3://mapped-out/results/",
                "s3-1",
                mapping(studyUid, null, "meta data/study.json"));
        assertThat(started.status())
                .as(new String(started.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        Imports.Finished finished =
                Imports.await(client, datastoreId, started.json().path("jobId").asText(), Duration.ofMinutes(5));
        assertThat(finished.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
        String prefix =
                "results/" + datastoreId + "-DicomImport-" + finished.job().jobId() + "/";
        JsonNode summary = Imports.JSON
                .readTree(s3.getObjectAsBytes(r -> r.bucket("mapped-out").key(prefix + "job-output-manifest.json"))
                        .asByteArray())
                .path("jobSummary");
        assertThat(summary.path("numberOfImportedFiles").asInt()).isEqualTo(2 * FILES_PER_SERIES);
        assertThat(summary.path("numberOfFilesWithCustomerError").asInt()).isZero();
        String imageSetId = summary.at("/imageSetsSummary/0/imageSetId").asText();
        assertThat(Imports.metadata(client, datastoreId, imageSetId, null)
                        .at("/Patient/DICOM/PatientName")
                        .asText())
                .isEqualTo("From^S3");
    }

    @Test
    void mappingsThatCannotBeAppliedFailTheFilesTheyNameWithTheReason() throws Exception {
        Path input = input(
                "bad",
                Map.of(
                        "bad/malformed.json",
                        "{\"0008103E\":{\"vr\":\"LO\",\"Value\":[\"unterminated\"]",
                        "bad/elsewhere.json",
                        "{\"00081030\":{\"vr\":\"LO\",\"Value\":[\"no such study\"]}}"));
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("bad-mappings")).datastoreId();
        Imports.Finished finished = run(
                datastoreId,
                input,
                "bad-1",
                mapping(studyUid, seriesA, "bad/missing.json"),
                mapping(studyUid, seriesB, "bad/malformed.json"),
                mapping("1.2.826.0.1.999", null, "bad/elsewhere.json"));
        assertThat(finished.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
        Path folder = Imports.folder(finished.job());
        List<JsonNode> failures = Imports.ndjson(folder.resolve("FAILURE/failure.ndjson"));
        assertThat(failures)
                .allSatisfy(line ->
                        assertThat(line.at("/exception/exceptionType").asText()).isEqualTo("ValidationException"));
        assertThat(failures.stream()
                        .filter(line -> line.path("inputFile").asText().contains(SERIES_A)))
                .hasSize(FILES_PER_SERIES)
                .allSatisfy(line -> assertThat(line.at("/exception/message").asText())
                        .contains("series " + seriesA)
                        .contains("bad/missing.json does not exist"));
        assertThat(failures.stream()
                        .filter(line -> line.path("inputFile").asText().contains(SERIES_B)))
                .hasSize(FILES_PER_SERIES)
                .allSatisfy(line -> assertThat(line.at("/exception/message").asText())
                        .contains("bad/malformed.json is not DICOM JSON"));
        assertThat(failures.stream()
                        .filter(line -> line.path("inputFile").asText().endsWith("elsewhere.json")))
                .singleElement()
                .satisfies(line -> assertThat(line.at("/exception/message").asText())
                        .contains("no input file belongs to study 1.2.826.0.1.999"));
        assertThat(failures.stream()
                        .filter(line -> line.path("inputFile").asText().endsWith("missing.json")))
                .hasSize(1);
        assertThat(failures.stream()
                        .filter(line -> line.path("inputFile").asText().endsWith("malformed.json")))
                .hasSize(1);
        assertThat(failures).hasSize(2 * FILES_PER_SERIES + 3);
        JsonNode summary = Imports.manifest(folder).path("jobSummary");
        assertThat(summary.path("numberOfImportedFiles").asInt()).isZero();
        assertThat(summary.path("numberOfFilesWithCustomerError").asInt()).isEqualTo(2 * FILES_PER_SERIES + 3);
        assertThat(summary.path("numberOfScannedFiles").asInt()).isEqualTo(2 * FILES_PER_SERIES + 3);
        assertThat(client.searchImageSets(r -> r.datastoreId(datastoreId).searchCriteria(c -> {}))
                        .imageSetsMetadataSummaries())
                .isEmpty();
    }

    @Test
    void aFileSettingAttributesOfAnotherLevelIsRefused() throws Exception {
        Path input = input(
                "level",
                Map.of("level/study.json", "{\"0008103E\":{\"vr\":\"LO\",\"Value\":[\"a series attribute\"]}}"));
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("wrong-level")).datastoreId();
        Imports.Finished finished = run(datastoreId, input, "level-1", mapping(studyUid, null, "level/study.json"));
        List<JsonNode> failures = Imports.ndjson(Imports.folder(finished.job()).resolve("FAILURE/failure.ndjson"));
        assertThat(failures)
                .hasSize(2 * FILES_PER_SERIES + 1)
                .allSatisfy(line -> assertThat(line.at("/exception/message").asText())
                        .contains("SeriesDescription (0008,103E), a SERIES-level "
                                + "attribute; a study-level mapping sets Patient and Study attributes only"));
    }

    @Test
    void mappingsAreCheckedWhenTheJobIsStarted() throws IOException {
        Path input = input("checked", Map.of());
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("checked")).datastoreId();
        RawHttp.Response outside = startJob(datastoreId, input, "checked-1", mapping(studyUid, null, "../secret.json"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.errorType()).isEqualTo("ValidationException");
        assertThat(outside.message())
                .contains("metadataFilePath '../secret.json' must be a path relative to inputS3Uri");
        RawHttp.Response twice = startJob(
                datastoreId, input, "checked-2", mapping(studyUid, null, "a.json"), mapping(studyUid, null, "b.json"));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.message()).contains("names study " + studyUid + " more than once");
        RawHttp.Response none = startJob(datastoreId, input, "checked-3");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.errorType()).isEqualTo("ValidationException");
    }
}
