package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * What a hostile client found (issue 17), each answered as AWS answers: every refusal an AWS-shaped error, strict
 * JSON, no server internals in an import job's message; and the signing forms AHI's own examples use: aws-chunked
 * STOW-RS bodies with chunk signatures, AHI's curl example (STREAMING-AWS4-HMAC-SHA256-PAYLOAD with the body sent
 * whole), presigned URLs for GET with the reason named elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientIT {
    private TestServer server;
    private MedicalImagingClient client;
    private String datastoreId;
    private byte[] dicom;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(Backend.SQLITE);
        client = server.client();
        datastoreId = client.createDatastore(r -> r.datastoreName("hostile")).datastoreId();
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01))) {
            dicom = Files.readAllBytes(files.sorted().findFirst().orElseThrow());
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static void assertAwsError(RawHttp.Response response, int status, String type, String messageFragment) {
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(response.errorType()).isEqualTo(type);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.message()).contains(messageFragment);
    }

    @Test
    void everyMethodGetsAnAwsErrorForAPathWithAnInvalidUtf8Escape() {
        for (String method : List.of("DELETE", "PUT", "GET", "POST", "PATCH")) {
            RawHttp.Response response = RawHttp.send(server.port(), method, "/datastore/%C3%28", Map.of(), new byte[0]);
            assertAwsError(response, 400, "SerializationException", "UTF-8");
        }
    }

    @Test
    void aJsonBodyWithTrailingDataDuplicateMembersOrAByteOrderMarkIsASerializationException() {
        int before = client.listDatastores(r -> {}).datastoreSummaries().size();
        assertAwsError(
                createDatastore("{\"datastoreName\": \"a\"} garbage"), 400, "SerializationException", "not valid JSON");
        assertAwsError(
                createDatastore("{\"datastoreName\": \"a\"}{}"), 400, "SerializationException", "not valid JSON");
        assertAwsError(
                createDatastore("{\"datastoreName\": \"a\", \"datastoreName\": \"b\"}"),
                400,
                "SerializationException",
                "Duplicate field 'datastoreName'");
        assertAwsError(
                createDatastore("\uFEFF{\"datastoreName\": \"a\"}"), 400, "SerializationException", "byte order mark");
        assertThat(client.listDatastores(r -> {}).datastoreSummaries()).hasSize(before);
        RawHttp.Response whitespace =
                createDatastore("{\"datastoreName\": \"strict\", \"clientToken\": \"strict-1\"}  \n");
        assertThat(whitespace.status())
                .as(new String(whitespace.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
    }

    private RawHttp.Response createDatastore(String json) {
        return new RawHttp.Request(server)
                .method("POST")
                .path("/datastore")
                .body(json)
                .send(server);
    }

    @Test
    void aStowBodySentAwsChunkedWithChunkSignaturesIsStored() {
        String target = newDatastore("chunked");
        RawHttp.Request request = stow(target);
        request.chunkSigned = true;
        SignedRequest signed = request.sign();
        assertThat(signed.request().firstMatchingHeader("Content-Encoding")).hasValue("aws-chunked");
        assertThat(RawHttp.Request.payload(signed).length)
                .as("framed with at least two data chunks")
                .isGreaterThan(dicom.length + 2 * 80);
        RawHttp.Response response = request.send(server, signed);
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.json().at("/00081199/Value").size()).isEqualTo(1);
        assertThat(primaryImageSets(target)).isEqualTo(1);
    }

    @Test
    void aTamperedChunkIsRefusedAndNothingIsStored() {
        String target = newDatastore("chunk-tampered");
        RawHttp.Request request = stow(target);
        request.chunkSigned = true;
        SignedRequest signed = request.sign();
        byte[] framed = RawHttp.Request.payload(signed);
        int inData = indexOf(framed, "\r\n".getBytes(StandardCharsets.US_ASCII)) + 200;
        framed[inData] ^= 1;
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        headers.remove("Content-Length");
        RawHttp.Response response = RawHttp.send(server.port(), "POST", request.path, headers, framed);
        assertAwsError(response, 403, "InvalidSignatureException", "chunk signature of chunk 1 does not match");
        assertThat(primaryImageSets(target)).isZero();
    }

    @Test
    void ahisCurlExampleWithAStreamingPayloadHeaderAndTheWholeBodyIsStored(@TempDir Path work) throws Exception {
        String target = newDatastore("curl");
        Path file = Files.write(work.resolve("instance.dcm"), dicom);
        RawHttp.Response response = curlStow(target, file, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", dicom.length);
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.json().at("/00081199/Value").size()).isEqualTo(1);
        assertThat(primaryImageSets(target)).isEqualTo(1);
    }

    @Test
    void aStreamingPayloadOfAnotherLengthThanDeclaredOrAnotherFormIsRefusedWithTheReason(@TempDir Path work)
            throws Exception {
        String target = newDatastore("streaming-wrong");
        Path file = Files.write(work.resolve("instance.dcm"), dicom);
        assertAwsError(
                curlStow(target, file, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", dicom.length + 1),
                403,
                "IncompleteSignatureException",
                "X-Amz-Decoded-Content-Length is " + (dicom.length + 1) + " but the payload holds " + dicom.length);
        assertAwsError(
                curlStow(target, file, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", dicom.length),
                403,
                "IncompleteSignatureException",
                "'STREAMING-UNSIGNED-PAYLOAD-TRAILER' is not supported");
        assertThat(primaryImageSets(target)).isZero();
    }

    /** AHI's curl example for StoreDICOM, with the payload hash and decoded length given; the answer and its headers. */
    private RawHttp.Response curlStow(String target, Path file, String payloadHash, long decodedLength) {
        Oracles.Result result = Oracles.run(
                Oracles.require("curl"),
                "-sS",
                "-i",
                "-X",
                "POST",
                "http://127.0.0.1:" + server.port() + "/datastore/" + target + "/studies",
                "--aws-sigv4",
                "aws:amz:" + TestServer.REGION + ":medical-imaging",
                "--user",
                TestServer.ACCESS_KEY_ID + ":" + TestServer.SECRET_ACCESS_KEY,
                "--header",
                "x-amz-content-sha256: " + payloadHash,
                "--header",
                "x-amz-decoded-content-length: " + decodedLength,
                "--header",
                "Accept: application/dicom+json",
                "--header",
                "Content-Type: application/dicom",
                "--upload-file",
                file.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return RawHttp.parse(result.stdout());
    }

    @Test
    void aPresignedUrlIsAcceptedForGetRequestsOfTheApiAndDicomWeb() {
        RawHttp.Request getDatastore = new RawHttp.Request(server).path("/datastore/" + datastoreId);
        getDatastore.presignedFor = Duration.ofMinutes(5);
        RawHttp.Response api = getDatastore.send(server);
        assertThat(api.status())
                .as(new String(api.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(api.json().at("/datastoreProperties/datastoreId").asText()).isEqualTo(datastoreId);

        RawHttp.Request searchStudies = new RawHttp.Request(server)
                .path("/datastore/" + datastoreId + "/studies")
                .query("PatientID=nobody");
        searchStudies.presignedFor = Duration.ofMinutes(5);
        RawHttp.Response dicomWeb = searchStudies.send(server);
        assertThat(dicomWeb.status())
                .as(new String(dicomWeb.body(), StandardCharsets.UTF_8))
                .isIn(200, 204);
    }

    @Test
    void aPresignedUrlIsRefusedWithTheReasonWhenExpiredTamperedOrForAnotherMethod() {
        RawHttp.Request expired = new RawHttp.Request(server).path("/datastore/" + datastoreId);
        expired.presignedFor = Duration.ofMinutes(5);
        expired.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        assertAwsError(expired.send(server), 403, "AccessDeniedException", "Request has expired");

        RawHttp.Request post =
                new RawHttp.Request(server).method("POST").path("/datastore").body("{\"datastoreName\":\"x\"}");
        post.presignedFor = Duration.ofMinutes(5);
        assertAwsError(post.send(server), 403, "IncompleteSignatureException", "only for GET and HEAD requests");

        RawHttp.Request other = new RawHttp.Request(server).path("/datastore/" + datastoreId);
        other.presignedFor = Duration.ofMinutes(5);
        SignedRequest signed = other.sign();
        String query = signed.request().getUri().getRawQuery();
        RawHttp.Response tampered =
                RawHttp.send(server.port(), "GET", "/datastore/" + "0".repeat(32) + "?" + query, Map.of(), new byte[0]);
        assertAwsError(tampered, 403, "InvalidSignatureException", "does not match");

        RawHttp.Response incomplete = RawHttp.send(
                server.port(),
                "GET",
                "/datastore/" + datastoreId + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00",
                Map.of(),
                new byte[0]);
        assertAwsError(incomplete, 403, "IncompleteSignatureException", "X-Amz-Credential");
    }

    @Test
    void anS3ImportWithoutCredentialsFailsWithoutTheServersCredentialChainInItsMessage() {
        // The default chain must not ask an instance metadata service on the network; nothing listens on port 1.
        System.setProperty("aws.disableEc2Metadata", "true");
        try (TestServer s3less = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_S3_ENDPOINT", "http://127.0.0.1:1"));
                MedicalImagingClient s3lessClient = s3less.client()) {
            String target =
                    s3lessClient.createDatastore(r -> r.datastoreName("s3less")).datastoreId();
            DICOMImportJobProperties job = Imports.run(
                            s3lessClient, target, "s3://input-bucket/study/", "s3://output-bucket/results/")
                    .job();
            assertThat(job.jobStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(job.message())
                    .startsWith("INPUT_NOT_READABLE: cannot list s3://input-bucket/study/")
                    .contains("the server log has the details");
            for (String internal : List.of(
                    "AWS_ACCESS_KEY_ID",
                    "aws.accessKeyId",
                    "profile",
                    "169.254",
                    "127.0.0.1",
                    "provider",
                    "Unable to load credentials")) {
                assertThat(job.message()).doesNotContainIgnoringCase(internal);
            }
        } finally {
            System.clearProperty("aws.disableEc2Metadata");
        }
    }

    private String newDatastore(String name) {
        return client.createDatastore(r -> r.datastoreName(name)).datastoreId();
    }

    private RawHttp.Request stow(String target) {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + target + "/studies")
                .header("Content-Type", "application/dicom")
                .header("Accept", "application/dicom+json");
        request.body = dicom;
        return request;
    }

    private int primaryImageSets(String target) {
        return client.searchImageSets(r -> r.datastoreId(target))
                .imageSetsMetadataSummaries()
                .size();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
