package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.TempFolders;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * QIDO-RS (AHI §11) over the imported fixture (two primary series of one GE study, and a non-primary image set
 * of the same study with another PatientID), through signed raw HTTP, on each metadata store: studies by
 * PatientID, StudyDate ranges, ModalitiesInStudy and wildcard PatientName; series by SeriesNumber; instances by
 * InstanceNumber; pages; errors.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.openahi.conformance.Storage#all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebSearchIT {
    @Parameter
    Storage storage;
    /** This invocation's own folder (a @TempDir cannot be given to a per-invocation set-up). */
    private Path work;

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private TestServer server;
    private String databaseUrl;
    private Map<String, String> environment;
    private ImageSets.Fixture fixture;
    private JsonNode primaryDocument;
    private JsonNode otherDocument;
    private String study;
    private String patientId;
    private LocalDate studyDate;
    private String modality;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        work = Files.createTempDirectory("openahi-qido-");
        // Data directory and database named here, so a test can start a server on them again.
        Path data = Files.createDirectories(work.resolve("data"));
        databaseUrl = storage.database().freshDatabaseUrl(data);
        // The blob store too, so the restart below finds the same one.
        Map<String, String> named = new HashMap<>(storage.blobs().freshStore());
        named.putAll(Map.of(
                "OPENAHI_FILE_ROOTS",
                work.toString(),
                "OPENAHI_DATA_DIR",
                data.toString(),
                "OPENAHI_DATABASE_URL",
                databaseUrl));
        environment = Map.copyOf(named);
        server = TestServer.start(storage.database(), environment);
        MedicalImagingClient client = server.client();
        fixture = ImageSets.importFixture(client, work, "qido");
        primaryDocument = Imports.metadata(client, fixture.datastoreId(), fixture.primary(), null);
        otherDocument = Imports.metadata(client, fixture.datastoreId(), fixture.otherSeries(), null);
        study = primaryDocument.at("/Study/DICOM/StudyInstanceUID").asText().strip();
        patientId = primaryDocument.at("/Patient/DICOM/PatientID").asText().strip();
        studyDate = LocalDate.parse(
                primaryDocument.at("/Study/DICOM/StudyDate").asText().strip(), DA);
        modality = seriesAttribute(primaryDocument, "Modality");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
        TempFolders.delete(work);
    }

    @Test
    void findsTheStudyByPatientIdWithItsReturnKeys() throws Exception {
        JsonNode studies = search("/studies", "PatientID=" + patientId);
        assertThat(studies.size()).isEqualTo(1);
        JsonNode found = studies.get(0);
        assertThat(value(found, "0020000D")).isEqualTo(study);
        assertThat(value(found, "00100020")).isEqualTo(patientId);
        assertThat(value(found, "00080020")).isEqualTo(studyDate.format(DA));
        assertThat(found.at("/00080061/Value").toString()).contains("\"" + modality + "\"");
        assertThat(found.at("/00201206/Value/0").asInt()).isEqualTo(2); // the two primary series
        assertThat(found.at("/00201208/Value/0").asInt()).isEqualTo(27); // 13 + 14 instances
        assertThat(value(found, "00081190")).endsWith("/datastore/" + fixture.datastoreId() + "/studies/" + study);
        assertThat(found.has("00100010")).isTrue();
        // The same key as a tag, and a UID list.
        assertThat(search("/studies", "00100020=" + patientId).size()).isEqualTo(1);
        assertThat(search("/studies", "StudyInstanceUID=1.2.3," + study).size()).isEqualTo(1);
    }

    @Test
    void matchesStudyDateRanges() throws Exception {
        String day = studyDate.format(DA);
        String before = studyDate.minusDays(1).format(DA);
        String after = studyDate.plusDays(1).format(DA);
        assertThat(search("/studies", "StudyDate=" + day).size()).isEqualTo(1);
        assertThat(search("/studies", "StudyDate=" + before + "-" + after).size())
                .isEqualTo(1);
        assertThat(search("/studies", "StudyDate=-" + day).size()).isEqualTo(1);
        assertThat(search("/studies", "StudyDate=" + day + "-").size()).isEqualTo(1);
        assertThat(search("/studies", "StudyDate=" + after + "-").size()).isZero();
        assertThat(search("/studies", "StudyDate=-" + before).size()).isZero();
    }

    @Test
    void matchesModalitiesInStudyAndWildcardPatientNames() throws Exception {
        assertThat(search("/studies", "ModalitiesInStudy=" + modality).size()).isEqualTo(1);
        assertThat(search("/studies", "ModalitiesInStudy=XA," + modality).size())
                .isEqualTo(1);
        assertThat(search("/studies", "ModalitiesInStudy=XA").size()).isZero();
        String name = primaryDocument.at("/Patient/DICOM/PatientName").asText().strip();
        assertThat(name).hasSizeGreaterThan(2);
        String prefix = name.substring(0, 2).toLowerCase(Locale.ROOT);
        assertThat(search("/studies", "PatientName=" + encode(prefix + "*")).size())
                .isEqualTo(1);
        assertThat(search("/studies", "PatientName=" + encode("?" + name.substring(1)))
                        .size())
                .isEqualTo(1);
        assertThat(search("/studies", "PatientName=" + encode("*" + name + "x")).size())
                .isZero();
        assertThat(search("/studies", "PatientID=" + encode(patientId.substring(0, 1) + "*"))
                        .size())
                .isEqualTo(1);
    }

    @Test
    void nonPrimaryImageSetsAreNotFound() throws Exception {
        assertThat(search("/studies", "PatientID=SOMEONE-ELSE").size()).isZero();
        String changedSop = changedInstance();
        assertThat(search("/studies/" + study + "/instances", "SOPInstanceUID=" + changedSop)
                        .size())
                .isZero();
    }

    @Test
    void seriesOfTheStudyComeBySeriesNumber() throws Exception {
        JsonNode series = search("/studies/" + study + "/series", "");
        assertThat(series.size()).isEqualTo(2);
        List<Integer> numbers = new ArrayList<>();
        series.forEach(s -> numbers.add(s.at("/00200011/Value/0").asInt()));
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        List<Integer> expected = new ArrayList<>(List.of(
                Integer.parseInt(seriesAttribute(primaryDocument, "SeriesNumber")),
                Integer.parseInt(seriesAttribute(otherDocument, "SeriesNumber"))));
        expected.sort(Comparator.naturalOrder());
        assertThat(numbers).isEqualTo(expected);
        for (JsonNode one : series) {
            assertThat(value(one, "00080060")).isEqualTo(modality);
            assertThat(one.at("/00201209/Value/0").asInt()).isIn(13, 14);
        }
        JsonNode byNumber = search("/studies/" + study + "/series", "SeriesNumber=" + numbers.get(1));
        assertThat(byNumber.size()).isEqualTo(1);
        assertThat(byNumber.get(0).at("/00200011/Value/0").asInt()).isEqualTo(numbers.get(1));
        assertThat(search("/studies/" + study + "/series", "Modality=XA").size())
                .isZero();
        assertThat(search("/studies/1.2.3/series", "").size()).isZero();
    }

    @Test
    void instancesComeByInstanceNumberAndPage() throws Exception {
        String series =
                primaryDocument.path("Study").path("Series").fieldNames().next();
        String path = "/studies/" + study + "/series/" + series + "/instances";
        JsonNode instances = search(path, "");
        assertThat(instances.size()).isEqualTo(13);
        List<Integer> numbers = new ArrayList<>();
        List<String> sops = new ArrayList<>();
        for (JsonNode instance : instances) {
            numbers.add(instance.at("/00200013/Value/0").asInt());
            sops.add(value(instance, "00080018"));
            assertThat(value(instance, "0020000E")).isEqualTo(series);
            assertThat(instance.at("/00280010/Value/0").asInt()).isPositive();
            assertThat(value(instance, "00080016")).isNotEmpty();
        }
        assertThat(numbers).isSorted();
        assertThat(sops)
                .containsExactlyInAnyOrderElementsOf(() -> primaryDocument
                        .at("/Study/Series/" + series + "/Instances")
                        .fieldNames());

        RawHttp.Response page = get(path, "limit=5&offset=5", "application/dicom+json");
        assertThat(page.status()).isEqualTo(200);
        List<String> pageSops = new ArrayList<>();
        Imports.JSON.readTree(page.body()).forEach(i -> pageSops.add(value(i, "00080018")));
        assertThat(pageSops).isEqualTo(sops.subList(5, 10));
        assertThat(page.header("warning")).startsWith("299 ");
        RawHttp.Response last = get(path, "limit=5&offset=10", "application/dicom+json");
        assertThat(Imports.JSON.readTree(last.body()).size()).isEqualTo(3);
        assertThat(last.header("warning")).isNull();

        assertThat(search("/studies/" + study + "/instances", "").size()).isEqualTo(27);
        JsonNode byNumber = search(path, "InstanceNumber=" + numbers.get(2));
        assertThat(byNumber.size()).isEqualTo(1);
        assertThat(value(byNumber.get(0), "00080018")).isEqualTo(sops.get(2));
        assertThat(search(path, "SOPInstanceUID=" + sops.get(0) + "," + sops.get(1))
                        .size())
                .isEqualTo(2);
    }

    /** PS3.18's searches across studies (openahi's addition to AHI's paths): they take study keys too. */
    @Test
    void seriesAndInstancesAcrossStudiesTakeStudyKeys() throws Exception {
        JsonNode series = search("/series", "PatientID=" + patientId);
        assertThat(series.size()).isEqualTo(2);
        for (JsonNode one : series) {
            assertThat(value(one, "0020000D")).isEqualTo(study);
            assertThat(value(one, "00081190"))
                    .endsWith("/datastore/" + fixture.datastoreId() + "/studies/" + study + "/series/"
                            + value(one, "0020000E"));
        }
        assertThat(search("/series", "Modality=" + modality + "&StudyDate=" + studyDate.format(DA))
                        .size())
                .isEqualTo(2);
        assertThat(search("/series", "PatientID=SOMEONE-ELSE").size()).isZero();

        JsonNode instances = search("/instances", "PatientID=" + patientId + "&limit=100");
        assertThat(instances.size()).isEqualTo(27);
        // By series, then by InstanceNumber within it.
        List<String> seriesOrder = new ArrayList<>();
        Map<String, List<Integer>> numbers = new java.util.LinkedHashMap<>();
        for (JsonNode instance : instances) {
            String uid = value(instance, "0020000E");
            if (seriesOrder.isEmpty()
                    || !seriesOrder.get(seriesOrder.size() - 1).equals(uid)) {
                seriesOrder.add(uid);
            }
            numbers.computeIfAbsent(uid, key -> new ArrayList<>())
                    .add(instance.at("/00200013/Value/0").asInt());
        }
        assertThat(seriesOrder).hasSize(2).isSorted();
        numbers.values().forEach(inSeries -> assertThat(inSeries).isSorted());
        assertThat(search(
                                "/instances",
                                "StudyInstanceUID=" + study + "&SOPInstanceUID=" + value(instances.get(0), "00080018"))
                        .size())
                .isEqualTo(1);
        // Within a study, study keys stay refused: the path fixes the study.
        RawHttp.Response withinStudy =
                get("/studies/" + study + "/instances", "PatientID=" + patientId, "application/dicom+json");
        assertThat(withinStudy.status()).isEqualTo(400);
        assertThat(new String(withinStudy.body(), StandardCharsets.UTF_8)).contains("within a study");
    }

    @Test
    void badRequestsAreTypedErrors() throws Exception {
        RawHttp.Response unknown = get("/studies", "PatientWeight=70", "application/dicom+json");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("PatientWeight");
        assertThat(get("/studies", "Foo=1", "application/dicom+json").status()).isEqualTo(400);
        RawHttp.Response badDate = get("/studies", "StudyDate=20201301", "application/dicom+json");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(new String(badDate.body(), StandardCharsets.UTF_8)).contains("StudyDate");
        assertThat(get("/studies", "StudyDate=-", "application/dicom+json").status())
                .isEqualTo(400);
        assertThat(get("/studies", "limit=0", "application/dicom+json").status())
                .isEqualTo(400);
        assertThat(get("/studies", "offset=x", "application/dicom+json").status())
                .isEqualTo(400);
        assertThat(get("/studies", "StudyInstanceUID=abc", "application/dicom+json")
                        .status())
                .isEqualTo(400);
        assertThat(get("/studies/" + study + "/series", "PatientID=x", "application/dicom+json")
                        .status())
                .isEqualTo(400);
        assertThat(get("/studies", "", "application/dicom").status()).isEqualTo(406);
        RawHttp.Response fuzzy = get("/studies", "fuzzymatching=true&PatientID=" + patientId, "application/dicom+json");
        assertThat(fuzzy.status()).isEqualTo(200);
        assertThat(fuzzy.header("warning")).startsWith("299 ").contains("fuzzymatching");
        assertThat(get("/studies", "fuzzymatching=false&includefield=all", "application/dicom+json")
                        .status())
                .isEqualTo(200);
        assertThat(get("/studies", "includefield=NotAnAttribute", "application/dicom+json")
                        .status())
                .isEqualTo(400);
        RawHttp.Response beyondCap = get("/studies", "offset=10000", "application/dicom+json");
        assertThat(beyondCap.status()).isEqualTo(200);
        assertThat(Imports.JSON.readTree(beyondCap.body()).size()).isZero();
        RawHttp.Response unknownDatastore = new RawHttp.Request(server)
                .path("/datastore/" + "0".repeat(32) + "/studies")
                .header("Accept", "application/dicom+json")
                .send(server);
        assertThat(unknownDatastore.status()).isEqualTo(404);
    }

    @Test
    void imageSetsIndexedBeforeQidoAreIndexedAfterARestart() throws Exception {
        String series =
                primaryDocument.path("Study").path("Series").fieldNames().next();
        String path = "/studies/" + study + "/series/" + series + "/instances";
        // With the server stopped, the database made as migration V005 leaves one written before it: no instance
        // rows, no series description, nothing marked indexed.
        server.close();
        try (Connection connection = DriverManager.getConnection(databaseUrl);
                Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("DELETE FROM image_set_instance"))
                    .isEqualTo(28);
            statement.executeUpdate("UPDATE image_set SET qido_indexed = 0, series_description = NULL");
        }
        server = TestServer.start(storage.database(), environment);
        // The backfill runs in the background, image set by image set: wait until it has done them all.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (notIndexed() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(notIndexed()).isZero();
        assertThat(search(path, "").size()).isEqualTo(13);
        JsonNode found = search("/studies/" + study + "/series", "SeriesInstanceUID=" + series);
        assertThat(value(found.get(0), "0008103E")).isEqualTo(seriesAttribute(primaryDocument, "SeriesDescription"));
    }

    private int notIndexed() throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl);
                Statement statement = connection.createStatement();
                ResultSet left = statement.executeQuery("SELECT COUNT(*) FROM image_set WHERE qido_indexed = 0")) {
            left.next();
            return left.getInt(1);
        }
    }

    private String changedInstance() {
        // The one instance imported with PatientID SOMEONE-ELSE is the only one the primary series lacks.
        JsonNode document = Imports.metadata(server.client(), fixture.datastoreId(), fixture.nonPrimary(), null);
        return document.path("Study")
                .path("Series")
                .elements()
                .next()
                .path("Instances")
                .fieldNames()
                .next();
    }

    private JsonNode search(String relative, String query) throws Exception {
        RawHttp.Response response = get(relative, query, "application/dicom+json");
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/dicom+json");
        return Imports.JSON.readTree(response.body());
    }

    private RawHttp.Response get(String relative, String query, String accept) {
        return new RawHttp.Request(server)
                .path("/datastore/" + fixture.datastoreId() + relative)
                .query(query)
                .header("Accept", accept)
                .send(server);
    }

    private static String value(JsonNode dataset, String tag) {
        return dataset.at("/" + tag + "/Value/0").asText();
    }

    private static String seriesAttribute(JsonNode document, String keyword) {
        return document.path("Study")
                .path("Series")
                .elements()
                .next()
                .path("DICOM")
                .path(keyword)
                .asText()
                .strip();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
    }
}
