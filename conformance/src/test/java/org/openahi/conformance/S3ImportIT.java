package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openahi.dicom.io.DicomFile;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.testing.S3ProxyServer;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The GE study imported from an S3-compatible server (s3proxy, on loopback) with the manifests written back to
 * S3, and the frames stored in an S3 blob store: the scale-out storage path end to end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ImportIT {
    private S3ProxyServer s3proxy;
    private S3Client s3;
    private TestServer server;
    private MedicalImagingClient client;
    private String datastoreId;
    private Imports.Finished finished;

    @BeforeAll
    void importFromS3() throws Exception {
        s3proxy = S3ProxyServer.start();
        s3 = S3Proxies.client(s3proxy);
        for (String bucket : List.of("dicom-in", "dicom-out", "openahi-blobs")) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        try (Stream<Path> files = Files.walk(SharedCorpus.geStudy())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "incoming/ge/"
                        + SharedCorpus.geStudy().relativize(file).toString().replace('\\', '/');
                s3.putObject(r -> r.bucket("dicom-in").key(key), RequestBody.fromFile(file));
            }
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("OPENAHI_S3_ENDPOINT", s3proxy.endpoint().toString());
        environment.put("OPENAHI_S3_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY_ID);
        environment.put("OPENAHI_S3_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_ACCESS_KEY);
        environment.put("OPENAHI_BLOB_STORE", "s3://openahi-blobs/store");
        server = TestServer.start(Backend.SQLITE, environment);
        client = server.client();
        datastoreId = client.createDatastore(r -> r.datastoreName("from-s3")).datastoreId();
        finished = Imports.run(client, datastoreId, "s3://dicom-in/incoming/ge", "s3://dicom-out/results/");
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
        s3.close();
        s3proxy.close();
    }

    private JsonNode readS3Json(String key) throws Exception {
        return Imports.JSON.readTree(
                s3.getObjectAsBytes(r -> r.bucket("dicom-out").key(key)).asByteArray());
    }

    private String failures(String prefix) {
        try {
            return s3.getObjectAsBytes(r -> r.bucket("dicom-out").key(prefix + "FAILURE/failure.ndjson"))
                    .asUtf8String();
        } catch (NoSuchKeyException e) {
            return "no failure manifest";
        }
    }

    @Test
    void theJobReadsEveryObjectAndWritesItsManifestsToS3() throws Exception {
        assertThat(finished.job().jobStatus())
                .as(finished.observed().toString())
                .isEqualTo(JobStatus.COMPLETED);
        String prefix =
                "results/" + datastoreId + "-DicomImport-" + finished.job().jobId() + "/";
        assertThat(finished.job().outputS3Uri()).isEqualTo("s3://dicom-out/" + prefix);
        JsonNode summary = readS3Json(prefix + "job-output-manifest.json").path("jobSummary");
        assertThat(summary.path("numberOfScannedFiles").asInt()).isEqualTo(235);
        assertThat(summary.path("numberOfImportedFiles").asInt())
                .as(() -> failures(prefix))
                .isEqualTo(235);
        assertThat(summary.path("numberOfGeneratedImageSets").asInt()).isEqualTo(5);
        String successes = s3.getObjectAsBytes(r -> r.bucket("dicom-out").key(prefix + "SUCCESS/success.ndjson"))
                .asUtf8String();
        assertThat(successes.lines()).hasSize(235).allMatch(line -> line.contains("\"inputFile\":\"incoming/ge/"));
    }

    @Test
    void framesStoredInS3DecodeToTheSourcePixels() throws Exception {
        Map<String, DicomFile> sources = SourceInstances.bySopInstanceUid(SharedCorpus.geStudy());
        String prefix =
                "results/" + datastoreId + "-DicomImport-" + finished.job().jobId() + "/";
        Htj2kDecoder decoder = new Htj2kDecoder();
        int checked = 0;
        for (JsonNode set : readS3Json(prefix + "job-output-manifest.json").at("/jobSummary/imageSetsSummary")) {
            String imageSetId = set.path("imageSetId").asText();
            JsonNode document = Imports.metadata(client, datastoreId, imageSetId, null);
            Map.Entry<String, JsonNode> first =
                    Imports.instances(document).properties().iterator().next();
            String frameId = first.getValue().at("/ImageFrames/0/ID").asText();
            byte[] stored = Imports.frame(client, datastoreId, imageSetId, frameId);
            assertThat(decoder.decode(stored).samples())
                    .isEqualTo(SourceInstances.frameSamples(sources.get(first.getKey()), 0));
            checked++;
        }
        assertThat(checked).isEqualTo(5);
        // Encoded (frames/), or still as they came until the background encoder gets to them (pending/).
        assertThat(s3.listObjectsV2(r -> r.bucket("openahi-blobs").prefix("store/frames/"))
                                .keyCount()
                        + s3.listObjectsV2(r -> r.bucket("openahi-blobs").prefix("store/pending/"))
                                .keyCount())
                .isPositive();
    }

    @Test
    void anImageSetExportsToAnS3Prefix() throws Exception {
        JsonNode set = readS3Json("results/" + datastoreId + "-DicomImport-"
                        + finished.job().jobId() + "/job-output-manifest.json")
                .at("/jobSummary/imageSetsSummary/0");
        String imageSetId = set.path("imageSetId").asText();
        JsonNode job = ExportIT.awaitEnd(
                server,
                ExportIT.start(
                                server,
                                "{\"datastoreId\": \"" + datastoreId + "\", \"imageSetIds\": [\"" + imageSetId
                                        + "\"], \"outputUri\": \"s3://dicom-out/exports/\"}")
                        .path("jobId")
                        .asText());
        assertThat(job.path("jobStatus").asText()).as(job.toString()).isEqualTo("COMPLETED");
        long instances = job.at("/progress/exported").asLong();
        assertThat(instances)
                .isPositive()
                .isEqualTo(job.at("/progress/instances").asLong());
        String prefix =
                "exports/" + datastoreId + "-DicomExport-" + job.path("jobId").asText() + "/";
        assertThat(job.path("outputUri").asText()).isEqualTo("s3://dicom-out/" + prefix);
        List<String> files = s3.listObjectsV2(r -> r.bucket("dicom-out").prefix(prefix)).contents().stream()
                .map(object -> object.key())
                .filter(key -> key.endsWith(".dcm"))
                .toList();
        assertThat(files).hasSize((int) instances);
        Path local = Files.createTempFile("openahi-s3-export-", ".dcm");
        try {
            Files.write(
                    local,
                    s3.getObjectAsBytes(r -> r.bucket("dicom-out").key(files.get(0)))
                            .asByteArray());
            DicomFile exported = org.openahi.dicom.io.DicomReader.read(local);
            assertThat(files.get(0))
                    .endsWith("/" + exported.dataset().getString(org.openahi.dicom.dict.Tag.SOPInstanceUID) + ".dcm");
        } finally {
            Files.delete(local);
        }
        assertThat(readS3Json(prefix + "job-output-manifest.json")
                        .at("/jobSummary/numberOfExportedInstances")
                        .asLong())
                .isEqualTo(instances);
    }
}
