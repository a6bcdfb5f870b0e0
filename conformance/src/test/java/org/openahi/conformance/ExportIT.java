package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * Export jobs (docs/export.md): a study exported to a folder in Explicit VR Little Endian and imported into a fresh
 * data store gives the same metadata documents (ids aside) and bit-exact frames; DCMTK's dcmdump reads every file,
 * those exported as stored (HTJ2K) too; bad requests are refused with their reason.
 */
class ExportIT {
    @TempDir
    Path work;

    @Test
    void aStudyExportedAndImportedAgainGivesTheSameDocumentsAndFrames() throws Exception {
        String dcmdump = Oracles.require("dcmdump");
        Path input = Files.createDirectories(work.resolve("input"));
        for (String series : List.of(ImageSets.SERIES_01, ImageSets.SERIES_02)) {
            try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(series))) {
                for (Path file : files.sorted().limit(4).toList()) {
                    Files.copy(file, input.resolve(series + "-" + file.getFileName()));
                }
            }
        }
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()))) {
            MedicalImagingClient client = server.client();
            String source =
                    client.createDatastore(r -> r.datastoreName("source")).datastoreId();
            Imports.run(
                    client,
                    source,
                    input.toUri().toString(),
                    work.resolve("import-output").toUri().toString());
            List<ImageSetsMetadataSummary> sets =
                    client.searchImageSets(r -> r.datastoreId(source)).imageSetsMetadataSummaries();
            assertThat(sets).hasSize(2);
            String study = Imports.metadata(client, source, sets.get(0).imageSetId(), "1")
                    .at("/Study/DICOM/StudyInstanceUID")
                    .asText();

            JsonNode job = start(
                    server,
                    "{\"datastoreId\": \"" + source + "\", \"studyInstanceUid\": \"" + study
                            + "\", \"outputUri\": \"" + work.resolve("export").toUri() + "\", \"transferSyntaxUid\": "
                            + "\"1.2.840.10008.1.2.1\"}");
            JsonNode done = awaitEnd(server, job.path("jobId").asText());
            assertThat(done.path("jobStatus").asText()).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.path("progress").path("instances").asLong()).isEqualTo(8);
            assertThat(done.path("progress").path("exported").asLong()).isEqualTo(8);
            Path jobFolder = Path.of(java.net.URI.create(done.path("outputUri").asText()));
            assertThat(jobFolder.getFileName().toString())
                    .isEqualTo(source + "-DicomExport-" + job.path("jobId").asText());
            assertThat(Imports.ndjson(jobFolder.resolve("SUCCESS/success.ndjson")))
                    .hasSize(8);
            assertThat(Imports.ndjson(jobFolder.resolve("FAILURE/failure.ndjson")))
                    .isEmpty();
            assertThat(Imports.manifest(jobFolder)
                            .at("/jobSummary/numberOfExportedInstances")
                            .asLong())
                    .isEqualTo(8);
            List<Path> exported = dicomFiles(jobFolder.resolve(study));
            assertThat(exported).hasSize(8);
            for (Path file : exported) {
                String dump = new String(Oracles.runOk(dcmdump, "-M", file.toString()), StandardCharsets.UTF_8);
                assertThat(dump).as(file.toString()).contains("(0002,0010) UI =LittleEndianExplicit");
            }

            String copy =
                    client.createDatastore(r -> r.datastoreName("re-imported")).datastoreId();
            Imports.run(
                    client,
                    copy,
                    jobFolder.resolve(study).toUri().toString(),
                    work.resolve("reimport").toUri().toString());
            Map<String, String> before = bySeries(client, source);
            Map<String, String> after = bySeries(client, copy);
            assertThat(after.keySet()).isEqualTo(before.keySet());
            int frames = 0;
            for (String series : before.keySet()) {
                JsonNode original = Imports.metadata(client, source, before.get(series), "1");
                JsonNode again = Imports.metadata(client, copy, after.get(series), "1");
                List<String> differences = new java.util.ArrayList<>();
                differences(
                        withoutWriter(ImageSets.withoutIds(original)),
                        withoutWriter(ImageSets.withoutIds(again)),
                        "",
                        differences);
                assertThat(differences).as("series " + series).isEmpty();
                Iterator<Map.Entry<String, JsonNode>> instances =
                        Imports.instances(original).properties().iterator();
                while (instances.hasNext()) {
                    Map.Entry<String, JsonNode> instance = instances.next();
                    JsonNode originalFrames = instance.getValue().path("ImageFrames");
                    JsonNode againFrames =
                            Imports.instances(again).path(instance.getKey()).path("ImageFrames");
                    for (int i = 0; i < originalFrames.size(); i++) {
                        byte[] a = new Htj2kDecoder()
                                .decode(Imports.frame(
                                        client,
                                        source,
                                        before.get(series),
                                        originalFrames.get(i).path("ID").asText()))
                                .nativeBytes();
                        byte[] b = new Htj2kDecoder()
                                .decode(Imports.frame(
                                        client,
                                        copy,
                                        after.get(series),
                                        againFrames.get(i).path("ID").asText()))
                                .nativeBytes();
                        assertThat(b).as("frame %d of %s", i, instance.getKey()).isEqualTo(a);
                        frames++;
                    }
                }
            }
            assertThat(frames).isEqualTo(8);

            // One image set as stored (HTJ2K): dcmdump reads those files too.
            JsonNode stored = awaitEnd(
                    server,
                    start(
                                    server,
                                    "{\"datastoreId\": \"" + source + "\", \"imageSetIds\": [\""
                                            + sets.get(0).imageSetId() + "\"], \"outputUri\": \""
                                            + work.resolve("as-stored").toUri() + "\"}")
                            .path("jobId")
                            .asText());
            assertThat(stored.path("jobStatus").asText()).as(stored.toString()).isEqualTo("COMPLETED");
            assertThat(stored.path("transferSyntaxUid").asText()).isEqualTo("stored");
            List<Path> storedFiles = dicomFiles(
                    Path.of(java.net.URI.create(stored.path("outputUri").asText())));
            assertThat(storedFiles).hasSize(4);
            String storedSyntax = Imports.instances(
                            Imports.metadata(client, source, sets.get(0).imageSetId(), "1"))
                    .elements()
                    .next()
                    .path("StoredTransferSyntaxUID")
                    .asText();
            for (Path file : storedFiles) {
                String dump = new String(Oracles.runOk(dcmdump, "-M", file.toString()), StandardCharsets.UTF_8);
                assertThat(dump).as(file.toString()).contains("(PixelSequence");
                assertThat(org.openahi.dicom.io.DicomReader.read(file).transferSyntaxUid())
                        .isEqualTo(storedSyntax);
            }

            // Refusals name what is wrong.
            RawHttp.Response outside = post(
                    server,
                    "{\"datastoreId\": \"" + source + "\", \"studyInstanceUid\": \"" + study
                            + "\", \"outputUri\": \"file:///etc/\"}");
            assertThat(outside.status()).isEqualTo(400);
            RawHttp.Response syntax = post(
                    server,
                    "{\"datastoreId\": \"" + source + "\", \"studyInstanceUid\": \"" + study + "\", \"outputUri\": \""
                            + work.toUri() + "\", \"transferSyntaxUid\": \"1.2.840.10008.1.2.5\"}");
            assertThat(syntax.status()).isEqualTo(400);
            assertThat(syntax.message()).contains("1.2.840.10008.1.2.5");
            RawHttp.Response both =
                    post(server, "{\"datastoreId\": \"" + source + "\", \"outputUri\": \"" + work.toUri() + "\"}");
            assertThat(both.status()).isEqualTo(400);
            assertThat(both.message()).contains("imageSetIds or a studyInstanceUid");
            assertThat(new RawHttp.Request(server)
                            .path("/_openahi/exports/" + "0".repeat(32))
                            .send(server)
                            .status())
                    .isEqualTo(404);
            RawHttp.Response noStudy = post(
                    server,
                    "{\"datastoreId\": \"" + source + "\", \"studyInstanceUid\": \"1.2.3\", " + "\"outputUri\": \""
                            + work.toUri() + "\"}");
            assertThat(noStudy.status()).isEqualTo(404);
            assertThat(noStudy.message()).contains("Study 1.2.3 not found");
        }
    }

    @Test
    void theLauncherCommandSignsStartsAndFollowsAnExport() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_02))) {
            for (Path file : files.sorted().limit(3).toList()) {
                Files.copy(file, input.resolve(file.getFileName()));
            }
        }
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()))) {
            MedicalImagingClient client = server.client();
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName("cli")).datastoreId();
            Imports.run(
                    client,
                    datastoreId,
                    input.toUri().toString(),
                    work.resolve("import-output").toUri().toString());
            String imageSetId = client.searchImageSets(r -> r.datastoreId(datastoreId))
                    .imageSetsMetadataSummaries()
                    .get(0)
                    .imageSetId();
            Map<String, String> environment = Map.of(
                    "AWS_ACCESS_KEY_ID",
                    TestServer.ACCESS_KEY_ID,
                    "AWS_SECRET_ACCESS_KEY",
                    TestServer.SECRET_ACCESS_KEY,
                    "AWS_DEFAULT_REGION",
                    TestServer.REGION);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int exit = org.openahi.server.ExportCli.run(
                    new String[] {
                        "--endpoint",
                        server.endpoint().toString(),
                        "--datastore",
                        datastoreId,
                        "--image-set",
                        imageSetId,
                        "--to",
                        work.resolve("cli").toUri().toString(),
                        "--transfer-syntax",
                        "1.2.840.10008.1.2.1"
                    },
                    environment,
                    new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true));
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("COMPLETED: 3 of 3 instances written, 0 failed");
            assertThat(dicomFiles(work.resolve("cli"))).hasSize(3);

            int searched = org.openahi.server.ExportCli.run(
                    new String[] {
                        "--endpoint",
                        server.endpoint().toString(),
                        "--datastore",
                        datastoreId,
                        "--search",
                        "{\"filters\": [{\"operator\": \"EQUAL\", \"values\": " + "[{\"isPrimary\": true}]}]}",
                        "--to",
                        work.resolve("searched").toUri().toString()
                    },
                    environment,
                    new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true));
            assertThat(searched).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("The search finds 1 image sets");
            assertThat(dicomFiles(work.resolve("searched"))).hasSize(3);

            int refused = org.openahi.server.ExportCli.run(
                    new String[] {
                        "--endpoint",
                        server.endpoint().toString(),
                        "--datastore",
                        datastoreId,
                        "--image-set",
                        imageSetId,
                        "--to",
                        work.resolve("cli").toUri().toString()
                    },
                    Map.of("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", "wrong"),
                    new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true));
            assertThat(refused).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("the server answered 403");
            assertThat(org.openahi.server.ExportCli.run(
                            new String[] {"--study"},
                            environment,
                            new java.io.PrintStream(out, true),
                            new java.io.PrintStream(err, true)))
                    .isEqualTo(2);
        }
    }

    /**
     * The document without the File Meta attributes naming the implementation that wrote the file: an exported file
     * names openahi (PS3.10 7.1), so they change, with the group's length, when it is imported again.
     */
    private static JsonNode withoutWriter(JsonNode document) {
        for (JsonNode series : document.path("Study").path("Series")) {
            for (JsonNode instance : series.path("Instances")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) instance.path("DICOM"))
                        .remove(List.of(
                                "FileMetaInformationGroupLength",
                                "ImplementationClassUID",
                                "ImplementationVersionName"));
            }
        }
        return document;
    }

    /** Where two documents differ, as JSON pointers with both values, for a readable failure. */
    private static void differences(JsonNode a, JsonNode b, String at, List<String> out) {
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(a.path(name), b.path(name), at + "/" + name, out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                differences(a.get(i), b.get(i), at + "/" + i, out);
            }
        } else if (!a.equals(b)) {
            String left = a.toString();
            String right = b.toString();
            out.add(at + ": " + left.substring(0, Math.min(120, left.length())) + " != "
                    + right.substring(0, Math.min(120, right.length())));
        }
    }

    private static Map<String, String> bySeries(MedicalImagingClient client, String datastoreId) {
        Map<String, String> sets = new TreeMap<>();
        for (ImageSetsMetadataSummary summary :
                client.searchImageSets(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries()) {
            sets.put(summary.dicomTags().dicomSeriesInstanceUID(), summary.imageSetId());
        }
        return sets;
    }

    private static List<Path> dicomFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".dcm"))
                    .sorted()
                    .toList();
        }
    }

    static RawHttp.Response post(TestServer server, String body) {
        return new RawHttp.Request(server)
                .method("POST")
                .path("/_openahi/exports")
                .body(body)
                .send(server);
    }

    static JsonNode start(TestServer server, String body) {
        RawHttp.Response response = post(server, body);
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.json().path("jobStatus").asText()).isEqualTo("SUBMITTED");
        return response.json();
    }

    static JsonNode awaitEnd(TestServer server, String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (true) {
            RawHttp.Response response = new RawHttp.Request(server)
                    .path("/_openahi/exports/" + jobId)
                    .send(server);
            assertThat(response.status()).isEqualTo(200);
            String status = response.json().path("jobStatus").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return response.json();
            }
            assertThat(Instant.now()).as("export job " + jobId + " ends").isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
