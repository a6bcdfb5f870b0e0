package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * STOW-RS (StoreDICOM, StoreDICOMStudy) through signed raw HTTP: the image sets it creates equal those
 * StartDICOMImportJob creates from the same files, storing again versions the primary image set, WADO-RS finds what
 * was stored, and the PS3.18 store response reports failed parts (not DICOM, another study) with their reasons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebStoreIT {
    private static final String BOUNDARY = Multipart.BOUNDARY;
    private static final String MULTIPART = Multipart.DICOM;
    private static final int CANNOT_UNDERSTAND = 0xC000;
    private static final int DOES_NOT_MATCH = 0xA900;
    private static final long DEFAULT_STOW_MAX_BYTES = 1024L * 1024 * 1024;

    private TestServer server;
    private MedicalImagingClient client;
    private ImageSets.Fixture imported;
    /** The fixture's 28 files (13 of series 01, one of them changed last, and 14 of series 02), in import order. */
    private List<Path> files;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()));
        client = server.client();
        imported = ImageSets.importFixture(client, work, "stow");
        try (Stream<Path> listing = Files.list(work.resolve("stow-input"))) {
            files = listing.sorted().toList();
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void imageSetsStoredByStowEqualThoseAnImportJobCreatesFromTheSameFiles() throws Exception {
        String datastoreId = newDatastore("stow-equals-import");
        RawHttp.Response response = store(datastoreId, "", MULTIPART, Multipart.dicomParts(files));
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/dicom+json");
        JsonNode referenced = response.json().at("/00081199/Value");
        assertThat(referenced.size()).isEqualTo(files.size());
        assertThat(response.json().has("00081198")).isFalse();
        for (JsonNode item : referenced) {
            assertThat(item.at("/00081150/Value/0").asText()).startsWith("1.2.840.10008.5.1.4.1.1.");
            assertThat(item.at("/00081190/Value/0").asText())
                    .contains("/datastore/" + datastoreId + "/studies/")
                    .contains("/instances/" + item.at("/00081155/Value/0").asText());
        }

        Map<String, JsonNode> stored = documentsByIdentity(datastoreId);
        Map<String, JsonNode> fromImport = new HashMap<>();
        for (String imageSetId : List.of(imported.primary(), imported.nonPrimary(), imported.otherSeries())) {
            JsonNode document = Imports.metadata(client, imported.datastoreId(), imageSetId, null);
            fromImport.put(identity(document), document);
        }
        assertThat(stored.keySet())
                .containsExactlyInAnyOrderElementsOf(fromImport.keySet())
                .hasSize(3);
        for (String identity : stored.keySet()) {
            assertThat(ImageSets.withoutIds(stored.get(identity)))
                    .as(identity)
                    .isEqualTo(ImageSets.withoutIds(fromImport.get(identity)));
        }
        ImageSetsMetadataSummary nonPrimary = summaries(datastoreId).stream()
                .filter(summary -> !summary.isPrimary())
                .findFirst()
                .orElseThrow();
        List<String> urls = new ArrayList<>();
        referenced.forEach(item -> urls.add(item.at("/00081190/Value/0").asText()));
        assertThat(urls)
                .filteredOn(url -> url.endsWith("?imageSetId=" + nonPrimary.imageSetId()))
                .hasSize(1);
        System.out.println(
                "DicomWebStoreIT: 3 image sets of " + files.size() + " STOW-RS instances equal the import's");
    }

    @Test
    void storingTheSameSeriesAgainVersionsItsPrimaryImageSetAndWadoRsFindsIt() throws Exception {
        String datastoreId = newDatastore("stow-again");
        List<Path> series01 = files.stream()
                .filter(file -> file.getFileName().toString().startsWith("s01-i"))
                .toList();
        assertThat(series01).hasSize(13);
        assertThat(store(datastoreId, "", MULTIPART, Multipart.dicomParts(series01))
                        .status())
                .isEqualTo(200);
        RawHttp.Response again = store(datastoreId, "", MULTIPART, Multipart.dicomParts(series01));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/00081199/Value").size()).isEqualTo(13);

        List<ImageSetsMetadataSummary> summaries = summaries(datastoreId);
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).isPrimary()).isTrue();
        assertThat(summaries.get(0).version()).isEqualTo(2);

        var source = DicomReader.read(series01.get(0)).dataset();
        String seriesPath = "/datastore/" + datastoreId + "/studies/" + source.getString(Tag.StudyInstanceUID)
                + "/series/" + source.getString(Tag.SeriesInstanceUID) + "/metadata";
        RawHttp.Response metadata = new RawHttp.Request(server)
                .path(seriesPath)
                .header("Accept", "application/dicom+json")
                .send(server);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().size()).isEqualTo(13);
    }

    @Test
    void aPartThatIsNotDicomIsAFailedSopItemAnd409() throws Exception {
        String datastoreId = newDatastore("stow-not-dicom");
        Path dicom = files.get(0);
        byte[] body = multipartOf(List.of(
                Multipart.part("application/dicom", Files.readAllBytes(dicom)),
                Multipart.part("application/dicom", "this is not a DICOM file".getBytes(StandardCharsets.US_ASCII)),
                Multipart.part("text/plain", "nor is this".getBytes(StandardCharsets.US_ASCII))));
        RawHttp.Response response = store(datastoreId, "", MULTIPART, body);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().at("/00081199/Value").size()).isEqualTo(1);
        assertThat(response.json().at("/00081199/Value/0/00081155/Value/0").asText())
                .isEqualTo(DicomReader.read(dicom).dataset().getString(Tag.SOPInstanceUID));
        JsonNode failed = response.json().at("/00081198/Value");
        assertThat(failed.size()).isEqualTo(2);
        for (JsonNode item : failed) {
            assertThat(item.at("/00081197/vr").asText()).isEqualTo("US");
            assertThat(item.at("/00081197/Value/0").asInt()).isEqualTo(CANNOT_UNDERSTAND);
        }
        assertThat(response.header("warning"))
                .startsWith("299 openahi: 2 instance(s) not stored: part 2: ")
                .contains("part 3 is text/plain");
    }

    @Test
    void anInstanceWhoseUidIsNotAUidIsRefusedWithTheAttributeNamed() throws Exception {
        String datastoreId = newDatastore("stow-not-a-uid");
        DicomFile source = DicomReader.read(files.get(0));
        Dataset dataset = source.dataset();
        dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, "REM SAMPLES 1");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DicomWriter.write(file, dataset, TransferSyntax.of(source.transferSyntaxUid()));
        RawHttp.Response response = store(
                datastoreId,
                "",
                MULTIPART,
                multipartOf(List.of(Multipart.part("application/dicom", file.toByteArray()))));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().at("/00081198/Value/0/00081197/Value/0").asInt())
                .isEqualTo(CANNOT_UNDERSTAND);
        assertThat(response.header("warning"))
                .contains("DICOM attribute SeriesInstanceUID is not a UID: 'REM SAMPLES 1'");
        assertThat(summaries(datastoreId)).isEmpty();
    }

    @Test
    void aMultiFrameInstanceCutShortIsRefusedAndItsStoredFramesDeleted() throws Exception {
        String datastoreId = newDatastore("stow-cut-short");
        byte[] whole = Files.readAllBytes(SharedCorpus.dicom("pydicom-data/emri_small.dcm"));
        // Ten 64x64 16-bit frames end the file: the first two are stored before the third is found cut short.
        byte[] cut = Arrays.copyOf(whole, whole.length - 7 * 64 * 64 * 2 - 1000);
        Set<String> orphansBefore = orphanBlobs();

        RawHttp.Response response =
                store(datastoreId, "", MULTIPART, multipartOf(List.of(Multipart.part("application/dicom", cut))));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().at("/00081198/Value/0/00081197/Value/0").asInt())
                .isEqualTo(CANNOT_UNDERSTAND);
        assertThat(orphanBlobs()).as("frame blobs of the refused instance").isSubsetOf(orphansBefore);
        assertThat(summaries(datastoreId)).isEmpty();
    }

    private Set<String> orphanBlobs() throws Exception {
        DataDirectory data = server.dataDirectory();
        Set<String> orphans = new HashSet<>(data.blobFiles());
        orphans.removeAll(data.referencedBlobs());
        return orphans;
    }

    @Test
    void storeDicomStudyRefusesAnInstanceOfAnotherStudy() throws Exception {
        String datastoreId = newDatastore("stow-study");
        Path file = files.get(0);
        var dataset = DicomReader.read(file).dataset();
        byte[] body = Multipart.dicomParts(List.of(file));

        RawHttp.Response mismatch = store(datastoreId, "/1.2.3.4.5", MULTIPART, body);
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(mismatch.json().has("00081199")).isFalse();
        JsonNode item = mismatch.json().at("/00081198/Value/0");
        assertThat(item.at("/00081197/Value/0").asInt()).isEqualTo(DOES_NOT_MATCH);
        assertThat(item.at("/00081155/Value/0").asText()).isEqualTo(dataset.getString(Tag.SOPInstanceUID));
        assertThat(item.at("/00081150/Value/0").asText()).isEqualTo(dataset.getString(Tag.SOPClassUID));
        assertThat(summaries(datastoreId)).isEmpty();

        String study = dataset.getString(Tag.StudyInstanceUID);
        RawHttp.Response matching = store(datastoreId, "/" + study, MULTIPART, body);
        assertThat(matching.status()).isEqualTo(200);
        assertThat(matching.json().at("/00081190/Value/0").asText()).endsWith("/studies/" + study);
        assertThat(summaries(datastoreId)).hasSize(1);
    }

    @Test
    void aSinglePartApplicationDicomBodyIsStoredAndItsSpooledCopyDeleted() throws Exception {
        String datastoreId = newDatastore("stow-single");
        List<Path> spooledBefore = spooledBodies();
        RawHttp.Response response = store(datastoreId, "", "application/dicom", Files.readAllBytes(files.get(0)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/00081199/Value").size()).isEqualTo(1);
        assertThat(spooledBodies())
                .as("STOW-RS bodies left in the server's spool folder")
                .isEqualTo(spooledBefore)
                .isEmpty();
    }

    private List<Path> spooledBodies() throws IOException {
        try (Stream<Path> listing = Files.list(server.dataDirectory().path().resolve("spool/stow"))) {
            return listing.sorted().toList();
        }
    }

    @Test
    void otherContentTypesAre415AndMalformedMultipartIs400() throws Exception {
        String datastoreId = newDatastore("stow-errors");
        byte[] dicom = Files.readAllBytes(files.get(0));
        assertThat(store(datastoreId, "", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(415);
        assertThat(store(
                                datastoreId,
                                "",
                                "multipart/related; type=\"application/dicom+json\"; boundary=" + BOUNDARY,
                                Multipart.dicomParts(List.of(files.get(0))))
                        .status())
                .isEqualTo(415);

        byte[] unclosed =
                ("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response noClose = store(datastoreId, "", MULTIPART, concat(unclosed, dicom));
        assertThat(noClose.status()).isEqualTo(400);
        assertThat(noClose.message()).contains("closing boundary");
        RawHttp.Response noBoundary = store(datastoreId, "", "multipart/related; type=\"application/dicom\"", dicom);
        assertThat(noBoundary.status()).isEqualTo(400);
        assertThat(store("00000000000000000000000000000000", "", MULTIPART, Multipart.dicomParts(List.of(files.get(0))))
                        .status())
                .isEqualTo(404);
        assertThat(summaries(datastoreId)).isEmpty();
    }

    @Test
    void aBodyDeclaredLargerThanTheStowLimitIs413BeforeItIsRead() {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + newDatastore("stow-large") + "/studies")
                .header("Content-Type", MULTIPART);
        StringBuilder head = new StringBuilder("POST " + request.path + " HTTP/1.1\r\n");
        request.signedHeaders()
                .forEach((name, values) -> head.append(name)
                        .append(": ")
                        .append(String.join(",", values))
                        .append("\r\n"));
        head.append("Content-Length: ").append(DEFAULT_STOW_MAX_BYTES + 1).append("\r\nConnection: close\r\n\r\n");
        RawHttp.Response response =
                RawHttp.exchange(server.port(), head.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.message()).contains(String.valueOf(DEFAULT_STOW_MAX_BYTES));
    }

    @Test
    void aChunkedBodyPassingTheStowLimitIs413() throws Exception {
        try (TestServer small = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_STOW_MAX_BYTES", "4096"))) {
            String datastoreId = small.client()
                    .createDatastore(r -> r.datastoreName("stow-small"))
                    .datastoreId();
            byte[] chunk = new byte[6000];
            RawHttp.Request request = new RawHttp.Request(small)
                    .method("POST")
                    .path("/datastore/" + datastoreId + "/studies")
                    .header("Content-Type", MULTIPART);
            request.body = chunk;
            StringBuilder head = new StringBuilder("POST " + request.path + " HTTP/1.1\r\n");
            request.signedHeaders()
                    .forEach((name, values) -> head.append(name)
                            .append(": ")
                            .append(String.join(",", values))
                            .append("\r\n"));
            head.append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .append(Integer.toHexString(chunk.length))
                    .append("\r\n");
            RawHttp.Response response = RawHttp.exchange(
                    small.port(),
                    concat(
                            head.toString().getBytes(StandardCharsets.US_ASCII),
                            chunk,
                            "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.message()).contains("4096");
        }
    }

    @Test
    void aBodyOtherThanTheSignedOneIsRefusedBySigV4() throws Exception {
        String datastoreId = newDatastore("stow-tampered");
        RawHttp.Request signed = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies")
                .header("Content-Type", MULTIPART);
        signed.body = Multipart.dicomParts(List.of(files.get(0)));
        Map<String, String> headers = new HashMap<>();
        signed.signedHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        RawHttp.Response response =
                RawHttp.send(server.port(), "POST", signed.path, headers, Multipart.dicomParts(List.of(files.get(1))));
        assertThat(response.status()).isEqualTo(403);
        assertThat(summaries(datastoreId)).isEmpty();
    }

    @Test
    void concurrentStoresOfOneSeriesMergeIntoOnePrimaryImageSet() throws Exception {
        String datastoreId = newDatastore("stow-concurrent");
        List<Path> series01 = files.stream()
                .filter(file -> file.getFileName().toString().startsWith("s01-i"))
                .toList();
        byte[] body = Multipart.dicomParts(series01);
        int clients = 4;
        List<java.util.concurrent.Future<RawHttp.Response>> responses = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                responses.add(pool.submit(() -> store(datastoreId, "", MULTIPART, body)));
            }
            for (var response : responses) {
                assertThat(response.get().status()).isEqualTo(200);
            }
        }
        List<ImageSetsMetadataSummary> summaries = summaries(datastoreId);
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).isPrimary()).isTrue();
        // Requests folded in one transaction share a version; every request is in some version.
        assertThat(summaries.get(0).version()).isBetween(1, clients);
        JsonNode document =
                Imports.metadata(client, datastoreId, summaries.get(0).imageSetId(), null);
        assertThat(Imports.instances(document).size()).isEqualTo(13);
    }

    private RawHttp.Response store(String datastoreId, String studySuffix, String contentType, byte[] body) {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies" + studySuffix)
                .header("Content-Type", contentType)
                .header("Accept", "application/dicom+json");
        request.body = body;
        return request.send(server);
    }

    private String newDatastore(String name) {
        return client.createDatastore(r -> r.datastoreName(name)).datastoreId();
    }

    private List<ImageSetsMetadataSummary> summaries(String datastoreId) {
        return client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries().stream()
                .toList();
    }

    private Map<String, JsonNode> documentsByIdentity(String datastoreId) {
        Map<String, JsonNode> documents = new HashMap<>();
        for (ImageSetsMetadataSummary summary : summaries(datastoreId)) {
            JsonNode document = Imports.metadata(client, datastoreId, summary.imageSetId(), null);
            documents.put(identity(document), document);
        }
        return documents;
    }

    /** Series and patient: what tells the fixture's three image sets apart. */
    private static String identity(JsonNode document) {
        return document.path("Study").path("Series").fieldNames().next() + "|"
                + document.at("/Patient/DICOM/PatientID").asText();
    }

    private static byte[] multipartOf(List<byte[]> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach(body::writeBytes);
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }
}
