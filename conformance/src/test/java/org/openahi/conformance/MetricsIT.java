package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * {@code /_openahi/metrics} parsed by Prometheus' own Python client (python3-prometheus-client): every sample carries
 * the node's name, and the values move as work is done: an import's files, its run's end, the DICOMweb request, a
 * C-STORE and its association (DCMTK's storescu), the blob store's puts, the database pools, the JVM's memory,
 * collections and threads.
 */
class MetricsIT {
    private static final String NODE = "metrics-node-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The distribution's interpreter, which python3-prometheus-client installs for (a pyenv python3 may come first). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Prints the samples of the exposition in the file named by its argument as JSON; exit 3 without the parser. */
    private static final String PARSER = """
            import json, sys
            try:
                from prometheus_client.parser import text_string_to_metric_families
            except ImportError:
                sys.exit(3)
            with open(sys.argv[1], encoding="utf-8") as exposition:
                families = text_string_to_metric_families(exposition.read())
                print(json.dumps([{"name": s.name, "labels": s.labels, "value": s.value}
                                  for family in families for s in family.samples]))
            """;

    record Sample(String name, Map<String, String> labels, double value) {}

    @Test
    void valuesMoveAsWorkIsDoneAndEverySampleNamesTheNode(@TempDir Path work) throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        List<Path> dicom;
        try (Stream<Path> files = Files.list(SharedCorpus.dicom("dcm_qa/Orientation/ax/axasc35"))) {
            dicom = files.sorted().limit(3).toList();
        }
        for (Path file : dicom) {
            Files.copy(file, input.resolve(file.getFileName()));
        }
        Files.writeString(input.resolve("not-dicom.txt"), "this is not a DICOM file");

        try (TestServer server = TestServer.start(
                Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString(), "OPENAHI_NODE_NAME", NODE))) {
            List<Sample> before = scrape(server, work);
            assertThat(before).allSatisfy(sample -> assertThat(sample.labels()).containsEntry("node", NODE));
            assertThat(value(before, "openahi_import_files_total", Map.of("outcome", "imported")))
                    .isEmpty();

            // The DICOM listener's called AE title METRICS names this data store.
            String datastoreId = server.client()
                    .createDatastore(r -> r.datastoreName("METRICS"))
                    .datastoreId();
            Imports.run(
                    server.client(),
                    datastoreId,
                    input.toUri().toString(),
                    work.resolve("output").toUri().toString());
            RawHttp.Response search = new RawHttp.Request(server)
                    .path("/datastore/" + datastoreId + "/studies")
                    .header("Accept", "application/dicom+json")
                    .send(server);
            assertThat(search.status()).isEqualTo(200);
            Oracles.runOk(
                    Oracles.require("storescu"),
                    "-aec",
                    "METRICS",
                    "127.0.0.1",
                    Integer.toString(server.dimsePort()),
                    SharedCorpus.dicom("pydicom-data/emri_small.dcm").toString());

            // The job's run is counted once its runner has finished with it, just after the job reads COMPLETED.
            awaitSample(server, work, "openahi_work_ended_total", Map.of("kind", "import", "outcome", "done"));
            // An association is counted when its connection has closed, just after storescu saw the release.
            awaitSample(server, work, "openahi_dimse_associations_total", Map.of("outcome", "released"));
            List<Sample> after = scrape(server, work);
            assertThat(after).allSatisfy(sample -> assertThat(sample.labels()).containsEntry("node", NODE));
            assertThat(value(after, "openahi_dimse_requests_total", Map.of("service", "C-STORE", "status", "0000")))
                    .contains(1.0);
            assertThat(value(
                            after,
                            "openahi_dimse_associations_total",
                            Map.of("role", "acceptor", "outcome", "released")))
                    .contains(1.0);
            assertThat(value(after, "openahi_work_ended_total", Map.of("kind", "import", "outcome", "done")))
                    .contains(1.0);
            assertThat(value(after, "openahi_import_files_total", Map.of("outcome", "imported")))
                    .contains((double) dicom.size());
            assertThat(value(after, "openahi_import_files_total", Map.of("outcome", "failed")))
                    .contains(1.0);
            assertThat(value(after, "openahi_import_jobs_unfinished", Map.of())).contains(0.0);
            assertThat(value(after, "openahi_work_running", Map.of("kind", "import")))
                    .contains(0.0);
            assertThat(value(after, "openahi_work_takeovers_total", Map.of("kind", "import")))
                    .isEmpty();
            assertThat(value(
                            after,
                            "openahi_requests_total",
                            Map.of("operation", "SearchDICOMStudies", "status", "200")))
                    .contains(1.0);
            assertThat(value(after, "openahi_blob_operation_duration_seconds_count", Map.of("operation", "put")))
                    .hasValueSatisfying(puts -> assertThat(puts).isGreaterThanOrEqualTo(dicom.size()));
            assertThat(value(after, "openahi_blob_operation_errors_total", Map.of("operation", "put")))
                    .isEmpty();
            assertThat(value(after, "openahi_db_pool_open_connections", Map.of("pool", "sqlite-writer")))
                    .contains(1.0);
            assertThat(value(after, "openahi_db_pool_busy_connections", Map.of("pool", "sqlite-reader")))
                    .isPresent();
            assertThat(value(after, "openahi_db_pool_waits_total", Map.of("pool", "sqlite-reader")))
                    .isPresent();
            assertThat(value(after, "jvm_memory_used_bytes", Map.of("area", "heap")))
                    .hasValueSatisfying(bytes -> assertThat(bytes).isPositive());
            assertThat(value(after, "jvm_threads_current", Map.of()))
                    .hasValueSatisfying(threads -> assertThat(threads).isPositive());
            assertThat(after)
                    .anySatisfy(sample -> assertThat(sample.name()).isEqualTo("jvm_gc_collection_seconds_count"));
        }
    }

    /** Scrapes until the sample exists (the state awaited), for at most a minute. */
    private static List<Sample> awaitSample(TestServer server, Path work, String name, Map<String, String> labels)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            List<Sample> samples = scrape(server, work);
            if (value(samples, name, labels).isPresent() || Instant.now().isAfter(deadline)) {
                return samples;
            }
            Thread.sleep(100);
        }
    }

    private static List<Sample> scrape(TestServer server, Path work) throws Exception {
        RawHttp.Response response = RawHttp.send(server.port(), "GET", "/_openahi/metrics", Map.of(), new byte[0]);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/plain; version=0.0.4");
        Path exposition = Files.createTempFile(work, "metrics-", ".txt");
        Files.write(exposition, response.body());
        if (!Files.isExecutable(PYTHON)) {
            Oracles.missing(PYTHON + " is not installed (./openahi test installs it with .ci/setup.d)");
        }
        Oracles.Result parsed = Oracles.run(PYTHON.toString(), "-c", PARSER, exposition.toString());
        if (parsed.exitCode() == 3) {
            Oracles.missing("python3-prometheus-client is not installed (./openahi test installs it with .ci/setup.d)");
        }
        assertThat(parsed.exitCode())
                .as(
                        "the parser's verdict on %s: %s",
                        new String(response.body(), StandardCharsets.UTF_8), parsed.stderr())
                .isZero();
        List<Sample> samples = new ArrayList<>();
        for (JsonNode sample : JSON.readTree(parsed.stdout())) {
            samples.add(new Sample(
                    sample.path("name").asText(),
                    JSON.convertValue(
                            sample.path("labels"),
                            JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class)),
                    sample.path("value").asDouble()));
        }
        assertThat(samples).isNotEmpty();
        return samples;
    }

    /** The value of the one sample with the name and (at least) the labels. */
    private static Optional<Double> value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Double> values = samples.stream()
                .filter(sample ->
                        sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
                .map(Sample::value)
                .toList();
        assertThat(values).as("samples of %s %s", name, labels).hasSizeLessThanOrEqualTo(1);
        return values.stream().findFirst();
    }
}
