package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.testing.Dcm2JsonComparison;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * WADO-RS over imported image sets (AHI §11), through signed raw HTTP: series and instance metadata equal to
 * DCMTK's dcm2json of the source files, frames as stored HTJ2K and uncompressed equal to the source pixels, Part 10
 * instances, the primary-only rule and {@code imageSetId}, the bearer token, and the errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebRetrieveIT {
    private static final String BEARER_TOKEN = "viewer-token-7f3a";
    private static final String ELE = "1.2.840.10008.1.2.1";
    private static final String HTJ2K_RPCL = "1.2.840.10008.1.2.4.202";

    private TestServer server;
    private ImageSets.Fixture fixture;
    private Map<String, DicomFile> sources;
    private final Map<String, Path> paths = new HashMap<>();
    private JsonNode primaryDocument;
    private String study;
    private String series;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        server = TestServer.start(
                Backend.SQLITE,
                Map.of("OPENAHI_FILE_ROOTS", work.toString(), "OPENAHI_DICOMWEB_BEARER_TOKEN", BEARER_TOKEN));
        MedicalImagingClient client = server.client();
        fixture = ImageSets.importFixture(client, work, "dicomweb");
        sources = SourceInstances.bySopInstanceUid(work.resolve("dicomweb-input"));
        try (Stream<Path> files = Files.list(work.resolve("dicomweb-input"))) {
            for (Path file : files.toList()) {
                paths.put(DicomReader.read(file).dataset().getString(Tag.SOPInstanceUID), file);
            }
        }
        primaryDocument = Imports.metadata(client, fixture.datastoreId(), fixture.primary(), null);
        study = primaryDocument.at("/Study/DICOM/StudyInstanceUID").asText();
        series = primaryDocument.path("Study").path("Series").fieldNames().next();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void seriesMetadataHoldsEveryAttributeDcm2jsonFindsInTheSourceFiles() throws Exception {
        RawHttp.Response response = get(seriesPath() + "/metadata", "application/dicom+json");
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/dicom+json");
        JsonNode instances = Imports.JSON.readTree(response.body());
        assertThat(instances.size()).isEqualTo(13);
        int compared = 0;
        for (JsonNode instance : instances) {
            String sop = instance.at("/00080018/Value/0").asText();
            assertThat(instance.at("/00020010/Value/0").asText()).isEqualTo(HTJ2K_RPCL);
            compared += compareWithDcm2json(sop, instance);
        }
        System.out.println("DicomWebRetrieveIT: " + compared + " attribute values of 13 instances equal dcm2json's");
    }

    @Test
    void instanceMetadataOfANonPrimaryImageSetNeedsItsImageSetId() throws Exception {
        String sop = sources.entrySet().stream()
                .filter(e -> e.getValue().dataset().getString(Tag.PatientID).equals("SOMEONE-ELSE"))
                .findFirst()
                .orElseThrow()
                .getKey();
        String path = seriesPath() + "/instances/" + sop + "/metadata";
        assertThat(get(path, "application/dicom+json").status()).isEqualTo(404);
        RawHttp.Response response = new RawHttp.Request(server)
                .path(path)
                .query("imageSetId=" + fixture.nonPrimary())
                .header("Accept", "application/dicom+json")
                .send(server);
        assertThat(response.status()).isEqualTo(200);
        JsonNode instance = Imports.JSON.readTree(response.body()).get(0);
        assertThat(instance.at("/00100020/Value/0").asText()).isEqualTo("SOMEONE-ELSE");
        assertThat(compareWithDcm2json(sop, instance)).isPositive();
    }

    @Test
    void framesComeAsStoredHtj2kAndAsUncompressedPixelsEqualToTheSource() throws Exception {
        List<String> sops = new ArrayList<>();
        primaryDocument
                .at("/Study/Series/" + series + "/Instances")
                .fieldNames()
                .forEachRemaining(sops::add);
        for (String sop : sops.subList(0, 3)) {
            byte[] sourcePixels = sources.get(sop).pixelData().frame(0).readAllBytes();
            String path = seriesPath() + "/instances/" + sop + "/frames/1";

            RawHttp.Response uncompressed =
                    get(path, "multipart/related; type=\"application/octet-stream\"; " + "transfer-syntax=" + ELE);
            assertThat(uncompressed.status()).isEqualTo(200);
            List<Multipart.Part> parts = Multipart.parse(uncompressed.header("content-type"), uncompressed.body());
            assertThat(parts).hasSize(1);
            assertThat(parts.get(0).contentType()).isEqualTo("application/octet-stream; transfer-syntax=" + ELE);
            assertThat(parts.get(0).body()).isEqualTo(sourcePixels);

            RawHttp.Response stored =
                    get(path, "multipart/related; type=\"image/jphc\"; transfer-syntax=" + HTJ2K_RPCL);
            assertThat(stored.status()).isEqualTo(200);
            Multipart.Part codestream = Multipart.parse(stored.header("content-type"), stored.body())
                    .get(0);
            assertThat(codestream.contentType()).isEqualTo("image/jphc; transfer-syntax=" + HTJ2K_RPCL);
            // A bare codestream starts with SOC (FF4F), not with JPH boxes.
            assertThat(codestream.body()[0] & 0xff).isEqualTo(0xff);
            assertThat(codestream.body()[1] & 0xff).isEqualTo(0x4f);
            assertThat(new Htj2kDecoder().decode(codestream.body()).nativeBytes())
                    .isEqualTo(sourcePixels);
        }
    }

    @Test
    void instancesComeAsPart10FilesWithTheSourcePixels() throws Exception {
        String sop = primaryDocument
                .at("/Study/Series/" + series + "/Instances")
                .fieldNames()
                .next();
        DicomFile source = sources.get(sop);
        String path = seriesPath() + "/instances/" + sop;

        RawHttp.Response single = get(path, "application/dicom; transfer-syntax=" + ELE);
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.header("content-type")).isEqualTo("application/dicom; transfer-syntax=" + ELE);
        DicomFile retrieved = DicomReader.read(new ByteArrayInputStream(single.body()));
        assertThat(retrieved.transferSyntaxUid()).isEqualTo(ELE);
        assertThat(retrieved.pixelData().frame(0).readAllBytes())
                .isEqualTo(source.pixelData().frame(0).readAllBytes());
        assertThat(retrieved.dataset().getString(Tag.SOPInstanceUID)).isEqualTo(sop);
        assertThat(retrieved.dataset().getString(Tag.PatientName))
                .isEqualTo(source.dataset().getString(Tag.PatientName));

        RawHttp.Response asStored = get(path, "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        assertThat(asStored.status()).isEqualTo(200);
        Multipart.Part part = Multipart.parse(asStored.header("content-type"), asStored.body())
                .get(0);
        assertThat(part.contentType()).isEqualTo("application/dicom; transfer-syntax=" + HTJ2K_RPCL);
        DicomFile encapsulated = DicomReader.read(new ByteArrayInputStream(part.body()));
        assertThat(encapsulated.transferSyntaxUid()).isEqualTo(HTJ2K_RPCL);
        byte[] fragment = encapsulated.pixelData().frame(0).readAllBytes();
        assertThat(new Htj2kDecoder().decode(fragment).nativeBytes())
                .isEqualTo(source.pixelData().frame(0).readAllBytes());
    }

    @Test
    void aSeriesComesAsOnePart10FilePerInstance() throws Exception {
        RawHttp.Response response =
                get(seriesPath(), "multipart/related; type=\"application/dicom\"; transfer-syntax=" + ELE);
        assertThat(response.status()).isEqualTo(200);
        List<String> sops = new ArrayList<>();
        for (Multipart.Part part : Multipart.parse(response.header("content-type"), response.body())) {
            Dataset dataset =
                    DicomReader.read(new ByteArrayInputStream(part.body())).dataset();
            sops.add(dataset.getString(Tag.SOPInstanceUID));
        }
        List<String> expected = new ArrayList<>();
        primaryDocument
                .at("/Study/Series/" + series + "/Instances")
                .fieldNames()
                .forEachRemaining(expected::add);
        assertThat(sops).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theBearerTokenOpensDicomWebButNotTheAhiApi() {
        String target = seriesPath() + "/metadata";
        RawHttp.Response bearer = RawHttp.send(
                server.port(),
                "GET",
                target,
                Map.of("Authorization", "Bearer " + BEARER_TOKEN, "Accept", "application/dicom+json"),
                new byte[0]);
        assertThat(bearer.status()).isEqualTo(200);
        RawHttp.Response wrong = RawHttp.send(
                server.port(), "GET", target, Map.of("Authorization", "Bearer not-" + BEARER_TOKEN), new byte[0]);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("www-authenticate")).startsWith("Bearer");
        RawHttp.Response unsigned = RawHttp.send(server.port(), "GET", target, Map.of(), new byte[0]);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.errorType()).isEqualTo("MissingAuthenticationTokenException");
        RawHttp.Response api = RawHttp.send(
                server.port(),
                "GET",
                "/datastore/" + fixture.datastoreId(),
                Map.of("Authorization", "Bearer " + BEARER_TOKEN),
                new byte[0]);
        assertThat(api.status()).isEqualTo(403);
    }

    @Test
    void badRequestsGetTheirPs318Status() {
        String sop = primaryDocument
                .at("/Study/Series/" + series + "/Instances")
                .fieldNames()
                .next();
        String instance = seriesPath() + "/instances/" + sop;
        assertThat(get(instance + "/frames/1,1", "*/*").status()).isEqualTo(400);
        assertThat(get(instance + "/frames/0", "*/*").status()).isEqualTo(400);
        assertThat(get(instance + "/frames/x", "*/*").status()).isEqualTo(400);
        RawHttp.Response missingFrame = get(instance + "/frames/2", "*/*");
        assertThat(missingFrame.status()).isEqualTo(404);
        assertThat(missingFrame.message()).contains("has 1 frames");
        assertThat(get(instance + "/frames/1", "multipart/related; type=\"image/png\"")
                        .status())
                .isEqualTo(406);
        assertThat(get(instance + "/metadata", "application/dicom").status()).isEqualTo(406);
        assertThat(get(
                                "/datastore/" + fixture.datastoreId() + "/studies/" + study + "/series/1.2.3/metadata",
                                "application/dicom+json")
                        .status())
                .isEqualTo(404);
        assertThat(get(seriesPath() + "/instances/1.2.3/metadata", "application/dicom+json")
                        .status())
                .isEqualTo(404);
        assertThat(get(
                                "/datastore/" + "0".repeat(32) + "/studies/" + study + "/series/" + series
                                        + "/metadata",
                                "application/dicom+json")
                        .status())
                .isEqualTo(404);
        RawHttp.Response wrongMethod =
                new RawHttp.Request(server).method("DELETE").path(instance).send(server);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("allow")).isEqualTo("GET");
    }

    private String seriesPath() {
        return "/datastore/" + fixture.datastoreId() + "/studies/" + study + "/series/" + series;
    }

    private RawHttp.Response get(String path, String accept) {
        return new RawHttp.Request(server).path(path).header("Accept", accept).send(server);
    }

    private int compareWithDcm2json(String sop, JsonNode ours) {
        return Dcm2Json.assertEqual(
                paths.get(sop),
                ours,
                EnumSet.of(Dcm2JsonComparison.Allowed.FILE_META, Dcm2JsonComparison.Allowed.PIXEL_DATA_ABSENT));
    }
}
