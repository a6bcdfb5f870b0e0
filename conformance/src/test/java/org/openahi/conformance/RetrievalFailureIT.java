package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * A retrieval that cannot be completed is a failure the client sees, never a 200 whose body merely ends early. Stored
 * data is damaged on disk (a frame blob or a metadata document cut short) and every retrieval path is asked for it:
 * WADO-RS series and study retrieval whose second instance cannot be produced, frames whose second frame cannot be
 * read, an instance, metadata, GetImageFrame and GetImageSetMetadata. A response whose first part fails is an error
 * status; one that fails after its status went out is aborted, which an HTTP client reports as a failed transfer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrievalFailureIT {
    private static final String ELE = "1.2.840.10008.1.2.1";
    private static final String UNDECODABLE = "pydicom/test_files/JPEG2000-embedded-sequence-delimiter.dcm";
    /** A JPEG 2000 codestream's first two markers: SOC, then SIZ. */
    private static final byte[] SOC_SIZ = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51};

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestServer server;
    private MedicalImagingClient client;
    private String datastoreId;
    /** GE series 01 and 02, one study: series 01's second instance has its frame cut short. */
    private Series damagedFrame;

    private Series intactSeries;
    /** A 10-frame instance (emri_small.dcm) whose second frame is cut short. */
    private Series multiFrame;
    /** Two series of the dcm_qa study: the second one's metadata document is cut short. */
    private Series intactDocument;

    private Series damagedDocument;
    /** A 1760x1760 16-bit CR (RG3_J2KR.dcm): its decoded frame, 6.2 MB, is more than loopback's socket buffers hold. */
    private Series largeFrame;
    /**
     * pydicom's JPEG 2000 file (a syntax kept as received) with 4 codestream bytes overwritten: stored, as it arrived,
     * but its frame does not decode.
     */
    private Series undecodable;

    /** A stored series: its image set, study, instances in the document's order and their first frames. */
    private record Series(String imageSetId, String study, String uid, List<String> instances, List<String> frames) {
        String path(String datastoreId) {
            return "/datastore/" + datastoreId + "/studies/" + study + "/series/" + uid;
        }

        String studyPath(String datastoreId) {
            return "/datastore/" + datastoreId + "/studies/" + study;
        }
    }

    /** What the client got: the status, and the body or the failure reading it. */
    private record Outcome(int status, byte[] body, IOException failure, String contentType) {
        boolean failedForTheClient() {
            return status >= 500 || status == 200 && failure != null;
        }

        @Override
        public String toString() {
            return "status " + status
                    + (failure != null
                            ? ", body failed: " + failure
                            : ", " + body.length + " bytes: "
                                    + new String(body, 0, Math.min(200, body.length), StandardCharsets.ISO_8859_1));
        }
    }

    @BeforeAll
    void storeAndDamage() throws Exception {
        // The read cache off: the documents read here to find the series would otherwise be served from memory after
        // their files were damaged (CachingBlobStoreTest covers the cache).
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_CACHE_BYTES", "0"));
        client = server.client();
        datastoreId = client.createDatastore(r -> r.datastoreName("failures")).datastoreId();
        List<Path> files = new ArrayList<>();
        files.addAll(folder(SharedCorpus.geStudy().resolve("01_Ax_DWI_TENSOR_R2")));
        files.addAll(folder(SharedCorpus.geStudy().resolve("02_Ax_DWI_TENSOR_R3")));
        files.add(SharedCorpus.dicom("pydicom-data/emri_small.dcm"));
        files.add(SharedCorpus.dicom("pydicom-data/RG3_J2KR.dcm"));
        files.add(SharedCorpus.dicom(UNDECODABLE));
        files.addAll(folder(SharedCorpus.dicom("dcm_qa/Orientation/ax/axasc35")));
        files.addAll(folder(SharedCorpus.dicom("dcm_qa/Orientation/ax/axasc36")));
        stow(files);

        List<Series> stored = new ArrayList<>();
        for (ImageSetsMetadataSummary summary :
                client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries()) {
            stored.add(series(summary.imageSetId()));
        }
        damagedFrame = find(stored, SharedCorpus.geStudy().resolve("01_Ax_DWI_TENSOR_R2"));
        intactSeries = find(stored, SharedCorpus.geStudy().resolve("02_Ax_DWI_TENSOR_R3"));
        multiFrame = stored.stream()
                .filter(series -> series.frames().size() == 10)
                .findFirst()
                .orElseThrow();
        intactDocument = find(stored, SharedCorpus.dicom("dcm_qa/Orientation/ax/axasc35"));
        largeFrame = find(stored, SharedCorpus.dicom("pydicom-data/RG3_J2KR.dcm"));
        damagedDocument = find(stored, SharedCorpus.dicom("dcm_qa/Orientation/ax/axasc36"));
        undecodable = find(stored, SharedCorpus.dicom(UNDECODABLE));
        assertThat(damagedDocument.study()).isEqualTo(intactDocument.study());
        assertThat(damagedFrame.study()).isEqualTo(intactSeries.study());

        DataDirectory data = server.dataDirectory();
        cutShort(data.blobFile(only(data.query("SELECT blob_key FROM image_frame WHERE frame_id = '"
                + damagedFrame.frames().get(1) + "'"))));
        cutShort(data.blobFile(only(data.query("SELECT blob_key FROM image_frame WHERE frame_id = '"
                + multiFrame.frames().get(1) + "'"))));
        cutShort(data.blobFile(only(data.query("SELECT metadata_blob FROM image_set_version WHERE image_set_id = '"
                + damagedDocument.imageSetId() + "' AND metadata_blob IS NOT NULL"))));
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aSeriesWhoseSecondInstanceCannotBeProducedFailsForTheClient() {
        for (String accept : List.of(
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + ELE,
                "multipart/related; type=\"application/dicom\"; transfer-syntax=*")) {
            Outcome outcome = get(damagedFrame.path(datastoreId), accept);
            assertThat(outcome.status()).as(accept).isEqualTo(200);
            assertThat(outcome.failure())
                    .as("the body of a series retrieval (" + accept + ") whose second instance" + " cannot be produced")
                    .isNotNull();
            assertThat(outcome.failedForTheClient()).isTrue();
        }
        Outcome intact = get(intactSeries.path(datastoreId), "multipart/related; type=\"application/dicom\"");
        assertThat(intact.failure()).as("the undamaged series").isNull();
        assertThat(Multipart.parse(intact.contentType(), intact.body())).hasSize(14);
    }

    @Test
    void aStudyWithAnInstanceThatCannotBeProducedFailsForTheClient() {
        Outcome outcome = get(damagedFrame.studyPath(datastoreId), "multipart/related; type=\"application/dicom\"");
        assertThat(outcome.failedForTheClient()).as(outcome.toString()).isTrue();
    }

    @Test
    void anInstanceThatCannotBeProducedIsAnErrorStatus() {
        String instance = damagedFrame.path(datastoreId) + "/instances/"
                + damagedFrame.instances().get(1);
        for (String accept : List.of(
                "application/dicom; transfer-syntax=" + ELE,
                "application/dicom; transfer-syntax=*",
                "multipart/related; type=\"application/dicom\"")) {
            Outcome outcome = get(instance, accept);
            assertThat(outcome.status()).as(accept + ": " + outcome).isEqualTo(500);
            assertThat(outcome.failure()).isNull();
        }
    }

    @Test
    void aFrameKeptAsReceivedThatDoesNotDecodeIs406NamingItAndIsServedAsStored() throws IOException {
        String instance = undecodable.path(datastoreId) + "/instances/"
                + undecodable.instances().get(0);
        Map<String, String> decodedRequests = Map.of(
                instance,
                "application/dicom; transfer-syntax=" + ELE,
                instance + "/frames/1",
                "multipart/related; type=\"application/octet-stream\"",
                instance + "/rendered",
                "image/jpeg");
        decodedRequests.forEach((path, accept) -> {
            Outcome outcome = get(path, accept);
            assertThat(outcome.status())
                    .as(path + " " + accept + ": " + outcome)
                    .isEqualTo(406);
            assertThat(new String(outcome.body(), StandardCharsets.UTF_8))
                    .contains("Stored frame " + undecodable.frames().get(0) + " cannot be decoded")
                    .contains("transfer-syntax=1.2.840.10008.1.2.4.91");
        });
        Outcome asStored = get(instance, "application/dicom; transfer-syntax=*");
        assertThat(asStored.status()).as(asStored.toString()).isEqualTo(200);
        assertThat(asStored.failure()).isNull();
        byte[] source = Files.readAllBytes(SharedCorpus.dicom(UNDECODABLE));
        int codestream = indexOf(source, SOC_SIZ);
        byte[] codestreamStart = Arrays.copyOfRange(source, codestream, codestream + 64);
        assertThat(indexOf(asStored.body(), codestreamStart))
                .as("the frame as received, its damaged header included")
                .isPositive();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void framesWhoseSecondCannotBeReadFailForTheClient() {
        String frames = multiFrame.path(datastoreId) + "/instances/"
                + multiFrame.instances().get(0) + "/frames/";
        for (String accept : List.of(
                "multipart/related; type=\"application/octet-stream\"", "multipart/related; type=\"image/jphc\"")) {
            Outcome both = get(frames + "1,2,3", accept);
            assertThat(both.failedForTheClient()).as(accept + ": " + both).isTrue();
            Outcome second = get(frames + "2", accept);
            assertThat(second.status()).as(accept + ": " + second).isEqualTo(500);
            Outcome first = get(frames + "1", accept);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.failure()).isNull();
        }
    }

    @Test
    void metadataThatCannotBeReadIsAnErrorStatus() {
        for (String path : List.of(
                damagedDocument.path(datastoreId) + "/metadata",
                damagedDocument.path(datastoreId) + "/instances/"
                        + damagedDocument.instances().get(0) + "/metadata",
                damagedDocument.studyPath(datastoreId) + "/metadata",
                damagedDocument.studyPath(datastoreId))) {
            Outcome outcome = get(
                    path,
                    path.endsWith("/metadata")
                            ? "application/dicom+json"
                            : "multipart/related; type=\"application/dicom\"");
            assertThat(outcome.status()).as(path + ": " + outcome).isEqualTo(500);
        }
        assertThat(get(intactDocument.path(datastoreId) + "/metadata", "application/dicom+json")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void getImageFrameOfAFrameCutShortFailsForTheClient() {
        Outcome outcome = send(
                "POST",
                "/datastore/" + datastoreId + "/imageSet/" + damagedFrame.imageSetId() + "/getImageFrame",
                "*/*",
                "{\"imageFrameId\":\"" + damagedFrame.frames().get(1) + "\"}");
        assertThat(outcome.failedForTheClient()).as(outcome.toString()).isTrue();
        assertThat(intactFrameThroughTheSdk()).isNotEmpty();
    }

    @Test
    void getImageSetMetadataOfADocumentCutShortFailsForTheClient() {
        Outcome outcome = send(
                "POST",
                "/datastore/" + datastoreId + "/imageSet/" + damagedDocument.imageSetId() + "/getImageSetMetadata",
                "*/*",
                "");
        assertThat(outcome.failedForTheClient()).as(outcome.toString()).isTrue();
        try {
            Imports.metadata(client, datastoreId, damagedDocument.imageSetId(), null);
            throw new AssertionError("GetImageSetMetadata of a document cut short succeeded through the SDK");
        } catch (SdkException | UncheckedIOException expected) {
            // The SDK's read of the aborted body fails.
        }
    }

    /**
     * A client that closes the connection while a body is being sent (a viewer scrolling past a frame) is recorded
     * as 499, not as a server error: an operator's alert on 5xx responses must not count it.
     */
    @Test
    void aClientThatClosesTheConnectionDuringTheBodyIsNotAServerError() throws Exception {
        String path = largeFrame.path(datastoreId) + "/instances/"
                + largeFrame.instances().get(0) + "/frames/1";
        String closed = "(?m)^openahi_requests_total\\{[^}]*operation=\"GetDICOMInstanceFrames\"[^}]*status=\"499\"}";
        assertThat(metrics()).doesNotContainPattern(closed);
        RawHttp.Request signing = new RawHttp.Request(server)
                .path(path)
                .header("Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + ELE);
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        signing.signedHeaders()
                .forEach((name, values) -> values.forEach(
                        value -> head.append(name).append(": ").append(value).append("\r\n")));
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            // A small receive window, so that the server is still writing when the client hangs up.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("localhost", server.port()));
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] status = socket.getInputStream().readNBytes(12);
            assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        String recorded = metrics();
        while (!Pattern.compile(closed).matcher(recorded).find()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            recorded = metrics();
        }
        assertThat(recorded).as("the request counted as the client's").containsPattern(closed);
    }

    private String metrics() {
        return new String(
                RawHttp.send(server.port(), "GET", "/_openahi/metrics", Map.of(), new byte[0])
                        .body(),
                StandardCharsets.UTF_8);
    }

    private byte[] intactFrameThroughTheSdk() {
        return Imports.frame(
                client,
                datastoreId,
                damagedFrame.imageSetId(),
                damagedFrame.frames().get(0));
    }

    private Series series(String imageSetId) {
        JsonNode document = Imports.metadata(client, datastoreId, imageSetId, null);
        String uid = document.path("Study").path("Series").fieldNames().next();
        List<String> instances = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        document.path("Study")
                .path("Series")
                .path(uid)
                .path("Instances")
                .properties()
                .forEach(instance -> {
                    instances.add(instance.getKey());
                    instance.getValue()
                            .path("ImageFrames")
                            .forEach(frame -> frames.add(frame.path("ID").asText()));
                });
        return new Series(
                imageSetId, document.at("/Study/DICOM/StudyInstanceUID").asText(), uid, instances, frames);
    }

    /** The stored series of a file, or of a folder's first file. */
    private static Series find(List<Series> stored, Path fileOrFolder) throws IOException {
        Path file = Files.isDirectory(fileOrFolder) ? folder(fileOrFolder).get(0) : fileOrFolder;
        String uid = org.openahi.dicom.io.DicomReader.read(file)
                .dataset()
                .getString(org.openahi.dicom.dict.Tag.SeriesInstanceUID);
        return stored.stream()
                .filter(series -> series.uid().equals(uid))
                .findFirst()
                .orElseThrow();
    }

    private static List<Path> folder(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String only(java.util.Set<String> values) {
        assertThat(values).hasSize(1);
        return values.iterator().next();
    }

    /** Cuts a stored file to half its length, as a damaged disk or an interrupted copy would leave it. */
    private static void cutShort(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
    }

    private void stow(List<Path> files) throws IOException {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies")
                .header("Content-Type", Multipart.DICOM)
                .header("Accept", "application/dicom+json");
        request.body = Multipart.dicomParts(files);
        RawHttp.Response response = request.send(server);
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
    }

    private Outcome get(String path, String accept) {
        return send("GET", path, accept, null);
    }

    /**
     * A signed request through the JDK's HTTP client, which keeps the connection alive and so reads a body of unknown
     * length as chunks: an aborted response is a failed read, not an early end.
     */
    private Outcome send(String method, String path, String accept, String json) {
        RawHttp.Request signing =
                new RawHttp.Request(server).method(method).path(path).header("Accept", accept);
        if (json != null) {
            signing.body(json);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        signing.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("content-type").orElse("");
            try (InputStream in = response.body()) {
                return new Outcome(response.statusCode(), in.readAllBytes(), null, contentType);
            } catch (IOException failed) {
                return new Outcome(response.statusCode(), null, failed, contentType);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
