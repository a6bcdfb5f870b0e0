package org.openahi.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.dicomweb.DicomWebSearch;
import org.openahi.core.dicomweb.QidoDatasets;
import org.openahi.core.dicomweb.QidoMatching;
import org.openahi.core.dicomweb.QidoRequest;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.MessageHandler;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * C-FIND, C-MOVE and C-GET with DCMTK's findscu, movescu, getscu and storescp, on the GE study (5 series, 235 MR
 * instances) and two single-instance studies of other patients: findscu finds at every level of both models what
 * QIDO-RS finds; movescu and getscu deliver whole series whose pixel data equal the source files' (frames stored as
 * HTJ2K, decoded), or the stored HTJ2K when the destination takes it; a cancelled C-MOVE stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRetrieveIT {
    private static final String ARCHIVE = "ARCHIVE";
    private static final String GE_PATIENT = "dicom";
    /** QIDO-RS's RetrieveURLs are not compared. */
    private static final QidoRequest ALL = QidoRequest.of(List.of(), 0, Optional.empty(), false);

    private Path work;
    private TestArchive archive;
    private String datastoreId;
    private int destinationPort;
    /** DCMTK 3.6.7 knows no HTJ2K transfer syntax; this destination takes it. */
    private TestScp htj2kDestination;

    private DicomWebSearch qido;
    private String geStudy;
    private final Map<String, Path> sourceBySopInstance = new HashMap<>();

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        work = directory;
        destinationPort = Oracles.freePort();
        htj2kDestination = new TestScp(List.of("1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.1"), MessageHandler.NONE);
        DimseSettings settings = TestArchive.settings(work)
                .withDestinations(Map.of(
                        "STORESCP", new DimseSettings.Destination("127.0.0.1", destinationPort),
                        "HTJ2K", new DimseSettings.Destination("127.0.0.1", htj2kDestination.port())));
        archive = TestArchive.start(Files.createDirectories(work.resolve("archive")), settings, DimseObserver.NONE);
        datastoreId = archive.createDatastore(ARCHIVE);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SharedCorpus.geStudy())) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
        }
        files.add(SharedCorpus.dicom("pydicom/test_files/CT_small.dcm"));
        files.add(SharedCorpus.dicom("pydicom/test_files/MR_small.dcm"));
        for (Path file : files) {
            Dataset dataset = DicomReader.read(file).dataset();
            sourceBySopInstance.put(dataset.getString(Tag.SOPInstanceUID), file);
            if (GE_PATIENT.equals(dataset.getString(Tag.PatientID))) {
                geStudy = dataset.getString(Tag.StudyInstanceUID);
            }
        }
        archive.importFiles(datastoreId, files);
        qido = new DicomWebSearch(archive.store);
    }

    @AfterAll
    void stop() throws IOException {
        archive.close();
        htj2kDestination.close();
    }

    @Test
    void studyLevelFindsWhatQidoRsFinds() throws Exception {
        List<Dataset> all = find(
                "-S",
                "STUDY",
                "PatientName=*",
                "StudyInstanceUID",
                "PatientID",
                "StudyDate",
                "NumberOfStudyRelatedInstances",
                "ModalitiesInStudy");
        assertThat(uids(all, Tag.StudyInstanceUID))
                .containsExactlyInAnyOrderElementsOf(uids(
                        datasets(qido.studies(datastoreId, ALL).rows(), QidoDatasets::study), Tag.StudyInstanceUID))
                .hasSize(3);
        Dataset ge = all.stream()
                .filter(d -> geStudy.equals(d.getString(Tag.StudyInstanceUID)))
                .findFirst()
                .orElseThrow();
        assertThat(ge.getString(Tag.NumberOfStudyRelatedInstances)).isEqualTo("235");
        assertThat(ge.getStrings(Tag.ModalitiesInStudy)).containsExactly("MR");
        assertThat(ge.getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
        assertThat(ge.getString(Tag.RetrieveAETitle)).isEqualTo(ARCHIVE);

        List<Dataset> byDate = find("-S", "STUDY", "StudyDate=20200101-20201231", "StudyInstanceUID");
        assertThat(uids(byDate, Tag.StudyInstanceUID))
                .containsExactlyElementsOf(uids(
                        datasets(
                                qido.studies(datastoreId, only(Tag.StudyDate, "20200101-20201231"))
                                        .rows(),
                                QidoDatasets::study),
                        Tag.StudyInstanceUID))
                .containsExactly(geStudy);
        List<Dataset> byWildcard = find("-S", "STUDY", "PatientID=di*", "StudyInstanceUID");
        assertThat(uids(byWildcard, Tag.StudyInstanceUID)).containsExactly(geStudy);
        List<Dataset> byTime = find("-S", "STUDY", "StudyTime=00-01", "StudyInstanceUID");
        assertThat(uids(byTime, Tag.StudyInstanceUID))
                .as("the GE study was at 00:14:57")
                .containsExactly(geStudy);
    }

    @Test
    void seriesAndImageLevelsFindWhatQidoRsFinds() throws Exception {
        List<Dataset> series = find(
                "-S",
                "SERIES",
                "StudyInstanceUID=" + geStudy,
                "SeriesInstanceUID",
                "Modality",
                "SeriesNumber",
                "NumberOfSeriesRelatedInstances",
                "PatientName");
        List<Dataset> qidoSeries = datasets(
                qido.series(datastoreId, java.util.Optional.of(geStudy), ALL).rows(), QidoDatasets::series);
        assertThat(uids(series, Tag.SeriesInstanceUID))
                .containsExactlyInAnyOrderElementsOf(uids(qidoSeries, Tag.SeriesInstanceUID))
                .hasSize(5);
        assertThat(series)
                .allSatisfy(d -> assertThat(d.getString(Tag.PatientName))
                        .as("a key of the study level")
                        .isEqualTo("dicom"));
        Dataset first = series.stream()
                .filter(d -> "14".equals(d.getString(Tag.NumberOfSeriesRelatedInstances)))
                .findFirst()
                .orElseThrow();
        String seriesUid = first.getString(Tag.SeriesInstanceUID);
        List<Dataset> images = find(
                "-S",
                "IMAGE",
                "StudyInstanceUID=" + geStudy,
                "SeriesInstanceUID=" + seriesUid,
                "SOPInstanceUID",
                "InstanceNumber",
                "SOPClassUID",
                "Rows");
        assertThat(uids(images, Tag.SOPInstanceUID))
                .containsExactlyInAnyOrderElementsOf(uids(
                        datasets(
                                qido.instances(
                                                datastoreId,
                                                java.util.Optional.of(geStudy),
                                                java.util.Optional.of(seriesUid),
                                                ALL)
                                        .rows(),
                                QidoDatasets::instance),
                        Tag.SOPInstanceUID))
                .hasSize(14);
        assertThat(images).allSatisfy(d -> assertThat(d.getInt(Tag.Rows, 0)).isPositive());
        List<Dataset> oneImage = find(
                "-S",
                "IMAGE",
                "StudyInstanceUID=" + geStudy,
                "SeriesInstanceUID=" + seriesUid,
                "InstanceNumber=3",
                "SOPInstanceUID");
        assertThat(oneImage).hasSize(1);
    }

    @Test
    void thePatientRootModelFindsPatientsAndTheirStudies() throws Exception {
        List<Dataset> patients = find(
                "-P",
                "PATIENT",
                "PatientID",
                "PatientName",
                "NumberOfPatientRelatedStudies",
                "NumberOfPatientRelatedInstances");
        Map<String, String> instancesByPatient = new TreeMap<>();
        patients.forEach(p ->
                instancesByPatient.put(p.getString(Tag.PatientID), p.getString(Tag.NumberOfPatientRelatedInstances)));
        assertThat(instancesByPatient)
                .containsExactlyInAnyOrderEntriesOf(Map.of(GE_PATIENT, "235", "1CT1", "1", "4MR1", "1"));
        List<Dataset> studies = find("-P", "STUDY", "PatientID=" + GE_PATIENT, "StudyInstanceUID");
        assertThat(uids(studies, Tag.StudyInstanceUID)).containsExactly(geStudy);
        List<Dataset> series =
                find("-P", "SERIES", "PatientID=" + GE_PATIENT, "StudyInstanceUID=" + geStudy, "SeriesInstanceUID");
        assertThat(series).hasSize(5);
        assertThat(find("-P", "SERIES", "PatientID=1CT1", "StudyInstanceUID=" + geStudy, "SeriesInstanceUID"))
                .as("the study is not of that patient")
                .isEmpty();
    }

    @Test
    void identifiersThatCannotBeAnsweredGetFailureStatuses() {
        Oracles.Result noStudy = findscu("-S", "SERIES", "SeriesInstanceUID");
        assertThat(noStudy.stderr()).contains("Received Final Find Response (Error: DataSetDoesNotMatchSOPClass)");
        Oracles.Result badDate = findscu("-S", "STUDY", "StudyDate=2020-13-45", "StudyInstanceUID");
        assertThat(badDate.stderr()).contains("Received Final Find Response (Failed: UnableToProcess)");
        Oracles.Result noPatientLevel = findscu("-S", "PATIENT", "PatientID");
        assertThat(noPatientLevel.stderr())
                .contains("Received Final Find Response (Error: DataSetDoesNotMatchSOPClass)");
    }

    @Test
    void movescuDeliversAWholeSeriesWhosePixelsEqualTheSource() throws Exception {
        String series = seriesWith(14);
        Path received = Files.createDirectories(work.resolve("moved"));
        try (Oracles.Background storescp = storescp(received)) {
            Oracles.Result move = Oracles.run(
                    Oracles.require("movescu"),
                    "-v",
                    "-S",
                    "-aec",
                    ARCHIVE,
                    "-aem",
                    "STORESCP",
                    "-k",
                    "QueryRetrieveLevel=SERIES",
                    "-k",
                    "StudyInstanceUID=" + geStudy,
                    "-k",
                    "SeriesInstanceUID=" + series,
                    "127.0.0.1",
                    Integer.toString(archive.port()));
            assertThat(move.exitCode()).as(move.stderr()).isZero();
            assertThat(move.stderr()).contains("Received Final Move Response (Success)");
            assertThat(storescp.isAlive()).isTrue();
        }
        assertPixelsEqualSource(received, 14, "1.2.840.10008.1.2.1");
    }

    @Test
    void aDestinationThatTakesHtj2kGetsTheFramesAsStored() throws Exception {
        String series = seriesWith(14);
        Oracles.Result move = Oracles.run(
                Oracles.require("movescu"),
                "-v",
                "-S",
                "-aec",
                ARCHIVE,
                "-aem",
                "HTJ2K",
                "-k",
                "QueryRetrieveLevel=SERIES",
                "-k",
                "StudyInstanceUID=" + geStudy,
                "-k",
                "SeriesInstanceUID=" + series,
                "127.0.0.1",
                Integer.toString(archive.port()));
        assertThat(move.stderr()).contains("Received Final Move Response (Success)");
        assertThat(htj2kDestination.stored).hasSize(14);
        for (TestScp.Stored copy : htj2kDestination.stored) {
            assertThat(copy.transferSyntax()).isEqualTo("1.2.840.10008.1.2.4.202");
            Dataset dataset = DicomReader.readDataset(
                    new java.io.ByteArrayInputStream(copy.dataset()),
                    copy.transferSyntax(),
                    org.openahi.dicom.io.ReadOptions.defaults());
            byte[] codestream =
                    dataset.get(Tag.PixelData).fragments().items().get(0).readAllBytes();
            assertThat(new Htj2kDecoder().decode(codestream).nativeBytes())
                    .as(copy.sopInstanceUid())
                    .isEqualTo(sourcePixels(copy.sopInstanceUid()));
        }
    }

    @Test
    void getscuDeliversAWholeSeriesOnItsOwnAssociation() throws Exception {
        String series = seriesWith(14);
        Path received = Files.createDirectories(work.resolve("got"));
        Oracles.Result get = Oracles.run(
                Oracles.require("getscu"),
                "-v",
                "-S",
                "-aec",
                ARCHIVE,
                "-od",
                received.toString(),
                "-k",
                "QueryRetrieveLevel=SERIES",
                "-k",
                "StudyInstanceUID=" + geStudy,
                "-k",
                "SeriesInstanceUID=" + series,
                "127.0.0.1",
                Integer.toString(archive.port()));
        assertThat(get.exitCode()).as(get.stderr()).isZero();
        assertThat(get.stderr())
                .contains("Received C-GET Response (Success)")
                .containsPattern("Number of Completed Suboperations *: 14");
        assertPixelsEqualSource(received, 14, "1.2.840.10008.1.2.1");
    }

    @Test
    void aCancelledMoveStopsAndSaysSo() throws Exception {
        String series = seriesWith(130);
        Path received = Files.createDirectories(work.resolve("cancelled"));
        try (Oracles.Background storescp = storescp(received)) {
            Oracles.Result move = Oracles.run(
                    Oracles.require("movescu"),
                    "-v",
                    "-S",
                    "--cancel",
                    "2",
                    "-aec",
                    ARCHIVE,
                    "-aem",
                    "STORESCP",
                    "-k",
                    "QueryRetrieveLevel=SERIES",
                    "-k",
                    "StudyInstanceUID=" + geStudy,
                    "-k",
                    "SeriesInstanceUID=" + series,
                    "127.0.0.1",
                    Integer.toString(archive.port()));
            assertThat(move.stderr())
                    .contains("Sending Cancel Request")
                    .contains("Received Final Move Response (Cancel: SubOperationsTerminatedDueToCancelIndication)");
            assertThat(storescp.isAlive()).isTrue();
        }
        try (Stream<Path> files = Files.list(received)) {
            assertThat(files.count()).isGreaterThanOrEqualTo(2).isLessThan(130);
        }
    }

    @Test
    void anUnknownMoveDestinationIsRefused() {
        Oracles.Result move = Oracles.run(
                Oracles.require("movescu"),
                "-v",
                "-S",
                "-aec",
                ARCHIVE,
                "-aem",
                "NOWHERE",
                "-k",
                "QueryRetrieveLevel=STUDY",
                "-k",
                "StudyInstanceUID=" + geStudy,
                "127.0.0.1",
                Integer.toString(archive.port()));
        assertThat(move.stderr()).contains("Received Final Move Response (Refused: MoveDestinationUnknown)");
    }

    /** findscu with the model option ({@code -S}, {@code -P}), the level and keys; the responses' identifiers. */
    private List<Dataset> find(String model, String level, String... keys) throws IOException {
        Path out = Files.createTempDirectory(work, "find-");
        List<String> command = new ArrayList<>(List.of(
                Oracles.require("findscu"),
                model,
                "-X",
                "-od",
                out.toString(),
                "-aec",
                ARCHIVE,
                "-k",
                "QueryRetrieveLevel=" + level));
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.add("127.0.0.1");
        command.add(Integer.toString(archive.port()));
        Oracles.Result result = Oracles.run(command);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<Dataset> responses = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                responses.add(DicomReader.read(file).dataset());
            }
        }
        return responses;
    }

    /** findscu in verbose mode, its output kept (for failures). */
    private Oracles.Result findscu(String model, String level, String... keys) {
        List<String> command = new ArrayList<>(
                List.of(Oracles.require("findscu"), "-v", model, "-aec", ARCHIVE, "-k", "QueryRetrieveLevel=" + level));
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.add("127.0.0.1");
        command.add(Integer.toString(archive.port()));
        return Oracles.run(command);
    }

    private static List<String> uids(List<Dataset> datasets, int tag) {
        return datasets.stream().map(d -> d.getString(tag)).toList();
    }

    private String seriesWith(int instances) throws IOException {
        return find(
                        "-S",
                        "SERIES",
                        "StudyInstanceUID=" + geStudy,
                        "SeriesInstanceUID",
                        "NumberOfSeriesRelatedInstances")
                .stream()
                .filter(d -> Integer.toString(instances).equals(d.getString(Tag.NumberOfSeriesRelatedInstances)))
                .findFirst()
                .orElseThrow()
                .getString(Tag.SeriesInstanceUID);
    }

    private Oracles.Background storescp(Path output) throws InterruptedException {
        List<String> command = List.of(
                Oracles.require("storescp"), "-v", "+B", "-od", output.toString(), Integer.toString(destinationPort));
        return Oracles.start(output.resolveSibling(output.getFileName() + ".log"), command)
                .awaitListening(destinationPort);
    }

    /** Every received file is an instance of the source whose pixel data, decoded if need be, equal the source's. */
    private void assertPixelsEqualSource(Path received, int count, String transferSyntax) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(received)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(count);
        Set<String> syntaxes = files.stream()
                .map(file -> {
                    try {
                        return DicomReader.read(file).transferSyntaxUid();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .collect(Collectors.toSet());
        assertThat(syntaxes).containsExactly(transferSyntax);
        for (Path file : files) {
            DicomFile copy = DicomReader.read(file);
            String uid = copy.dataset().getString(Tag.SOPInstanceUID);
            assertThat(copy.dataset().get(Tag.PixelData).bulkData().readAllBytes())
                    .as(uid)
                    .isEqualTo(sourcePixels(uid));
        }
    }

    private byte[] sourcePixels(String sopInstanceUid) throws IOException {
        return DicomReader.read(sourceBySopInstance.get(sopInstanceUid))
                .dataset()
                .get(Tag.PixelData)
                .bulkData()
                .readAllBytes();
    }

    /** A QIDO-RS request matching one attribute, read as QIDO-RS reads it. */
    private static QidoRequest only(int tag, String value) {
        return QidoRequest.of(List.of(QidoMatching.condition(tag, value).orElseThrow()), 0, Optional.empty(), false);
    }

    private static <R> List<Dataset> datasets(List<R> rows, java.util.function.Function<R, Dataset> dataset) {
        return rows.stream().map(dataset).toList();
    }
}
