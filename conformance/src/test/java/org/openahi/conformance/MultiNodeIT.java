package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.EmbeddedPostgres;
import org.openahi.testing.S3ProxyServer;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ConflictException;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * Three server processes on one PostgreSQL database and one S3 bucket, as an operator scales openahi out (issue 18),
 * with a 3 s lease: they start at once on the empty database; an import through one node is read and searched through
 * the others; the node running an import is killed (SIGKILL), or frozen (SIGSTOP) long enough for another node to take
 * the import over and woken (SIGCONT) after that one finished it, and the job ends COMPLETED exactly once, every file
 * in its manifests once, every image set whole, the node taking it over skipping the files already staged, the woken
 * node fenced off; updates of one image set through two nodes
 * at once have one winner per version. The node running the import is found, not chosen: every node is started
 * pausing at {@code import.file-staged}, and the first to get there is held (see {@link PauseAtCheckpoint}).
 */
class MultiNodeIT {
    private static final int GE_STUDY_FILES = 235;
    private static final String CHECKPOINT = "import.file-staged";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

    /** Kept when a test fails: the nodes' logs are there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static S3ProxyServer s3;
    private static final Map<String, ServerProcess> nodes = new HashMap<>();

    @BeforeAll
    static void startThreeNodesAtOnce() throws Exception {
        s3 = S3ProxyServer.shared();
        S3Proxies.createBuckets(s3, "multinode");
        // A session frozen inside a transaction would hold its row locks until woken: PostgreSQL ends it instead.
        String database =
                EmbeddedPostgres.shared().createDatabase() + "&options=-c%20idle_in_transaction_session_timeout%3D10s";
        Files.createDirectories(work.resolve("out"));
        disarm();
        for (String name : List.of("node-a", "node-b", "node-c")) {
            Map<String, String> environment = Map.of(
                    "OPENAHI_NODE_NAME",
                    name,
                    "OPENAHI_DATA_DIR",
                    work.resolve(name).toString(),
                    "OPENAHI_DATABASE_URL",
                    database,
                    "OPENAHI_S3_ENDPOINT",
                    s3.endpoint().toString(),
                    "OPENAHI_S3_ACCESS_KEY_ID",
                    S3ProxyServer.ACCESS_KEY_ID,
                    "OPENAHI_S3_SECRET_ACCESS_KEY",
                    S3ProxyServer.SECRET_ACCESS_KEY,
                    "OPENAHI_BLOB_STORE",
                    "s3://multinode/store",
                    "OPENAHI_FILE_ROOTS",
                    SharedCorpus.dicom() + "," + work,
                    "OPENAHI_LEASE_SECONDS",
                    "3",
                    "OPENAHI_IMPORT_WORKERS",
                    "1");
            nodes.put(name, new ServerProcess(environment, work.resolve(name + ".log")));
        }
        ExecutorService starting = Executors.newFixedThreadPool(nodes.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (ServerProcess node : nodes.values()) {
                started.add(starting.submit(() -> {
                    go.await();
                    node.startPausingOnceAt(CHECKPOINT, work);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> node : started) {
                node.get(); // a node that exited (a failed migration) fails here, naming its log
            }
        } finally {
            starting.shutdownNow();
        }
    }

    /** Whatever a test left armed, the next one starts with every node passing the checkpoint. */
    @AfterEach
    void passTheCheckpoint() throws Exception {
        disarm();
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (ServerProcess node : nodes.values()) {
            node.close();
        }
    }

    @Test
    void anImportThroughOneNodeIsReadAndSearchedThroughTheOthers() throws Exception {
        String datastoreId;
        DICOMImportJobProperties job;
        try (MedicalImagingClient a = nodes.get("node-a").client()) {
            datastoreId =
                    a.createDatastore(r -> r.datastoreName("read-anywhere")).datastoreId();
            job = Imports.run(a, datastoreId, geStudy(), output()).job();
        }
        assertThat(job.jobStatus()).as("job %s: %s", job.jobId(), job.message()).isEqualTo(JobStatus.COMPLETED);
        JsonNode summary = Imports.manifest(Imports.folder(job)).path("jobSummary");
        try (MedicalImagingClient b = nodes.get("node-b").client();
                MedicalImagingClient c = nodes.get("node-c").client()) {
            assertThat(b.getDatastore(r -> r.datastoreId(datastoreId))
                            .datastoreProperties()
                            .datastoreName())
                    .isEqualTo("read-anywhere");
            Imports.assertCompleteImageSets(b, datastoreId, summary, searched(c, datastoreId), GE_STUDY_FILES);
            assertThat(c.listDICOMImportJobs(r -> r.datastoreId(datastoreId)).jobSummaries())
                    .extracting(listed -> listed.jobId())
                    .containsExactly(job.jobId());
        }
    }

    @Test
    void anImportWhoseNodeIsKilledIsCompletedOnceByAnother() throws Exception {
        try (MedicalImagingClient a = nodes.get("node-a").client()) {
            String datastoreId =
                    a.createDatastore(r -> r.datastoreName("killed")).datastoreId();
            arm();
            String jobId = Imports.start(a, datastoreId, geStudy(), output());
            String working = ServerProcess.heldNode(work);
            ServerProcess killed = nodes.get(working);
            try {
                killed.kill();
            } finally {
                disarm();
            }
            String other = otherThan(working);
            try (MedicalImagingClient survivor = nodes.get(other).client()) {
                Imports.Finished finished = Imports.await(survivor, datastoreId, jobId, JOB_TIMEOUT);
                assertEndedCompletedOnce(survivor, datastoreId, finished);
            }
            assertResumedByAnotherNode(jobId, working);
            killed.startPausingOnceAt(CHECKPOINT, work);
            try (MedicalImagingClient restarted = killed.client()) {
                assertThat(restarted
                                .getDICOMImportJob(
                                        r -> r.datastoreId(datastoreId).jobId(jobId))
                                .jobProperties()
                                .jobStatus())
                        .isEqualTo(JobStatus.COMPLETED);
            }
        }
    }

    @Test
    void anImportWhoseNodeIsFrozenIsTakenOverAndTheWokenNodeCannotCommitIt() throws Exception {
        try (MedicalImagingClient a = nodes.get("node-a").client()) {
            String datastoreId =
                    a.createDatastore(r -> r.datastoreName("frozen")).datastoreId();
            arm();
            String jobId = Imports.start(a, datastoreId, geStudy(), output());
            String working = ServerProcess.heldNode(work);
            ServerProcess frozen = nodes.get(working);
            frozen.freeze();
            String other = otherThan(working);
            Imports.Finished finished;
            try (MedicalImagingClient survivor = nodes.get(other).client()) {
                // Woken, the node goes on from the checkpoint; until then its lease runs out and another takes over.
                disarm();
                finished = Imports.await(survivor, datastoreId, jobId, JOB_TIMEOUT);
                assertEndedCompletedOnce(survivor, datastoreId, finished);
                assertResumedByAnotherNode(jobId, working);
            } finally {
                frozen.wake();
            }
            String lost = frozen.awaitLogLine(Duration.ofMinutes(3), "import work " + jobId, "stopped on this node");
            assertThat(lost).contains("WARN").contains("it was taken over by node-");
            try (MedicalImagingClient woken = frozen.client();
                    MedicalImagingClient survivor = nodes.get(other).client()) {
                DICOMImportJobProperties after = woken.getDICOMImportJob(
                                r -> r.datastoreId(datastoreId).jobId(jobId))
                        .jobProperties();
                assertThat(after.jobStatus()).isEqualTo(JobStatus.COMPLETED);
                assertThat(after.endedAt()).isEqualTo(finished.job().endedAt());
                assertEndedCompletedOnce(survivor, datastoreId, new Imports.Finished(after, finished.observed()));
            }
        }
    }

    @Test
    void updatesOfOneImageSetThroughTwoNodesAtOnceHaveOneWinnerPerVersion() throws Exception {
        ImageSets.Fixture fixture;
        try (MedicalImagingClient a = nodes.get("node-a").client()) {
            fixture = ImageSets.importFixture(a, work, "linear");
        }
        String datastoreId = fixture.datastoreId();
        String imageSetId = fixture.primary();
        List<String> racers = List.of("node-b", "node-c");
        ExecutorService threads = Executors.newFixedThreadPool(racers.size());
        try {
            String latest = "1";
            for (int round = 1; round <= 4; round++) {
                CountDownLatch go = new CountDownLatch(1);
                Map<String, Future<String>> outcomes = new HashMap<>();
                for (String racer : racers) {
                    String base = latest;
                    String value = racer + "-" + round;
                    outcomes.put(racer, threads.submit(() -> {
                        try (MedicalImagingClient client = nodes.get(racer).client()) {
                            go.await();
                            return ImageSets.update(
                                            client,
                                            datastoreId,
                                            imageSetId,
                                            base,
                                            ImageSets.studyAttribute("StudyDescription", value))
                                    .latestVersionId();
                        } catch (ConflictException e) {
                            return "conflict";
                        }
                    }));
                }
                go.countDown();
                List<String> winners = new ArrayList<>();
                List<String> versions = new ArrayList<>();
                for (Map.Entry<String, Future<String>> outcome : outcomes.entrySet()) {
                    String result = outcome.getValue().get();
                    if (!result.equals("conflict")) {
                        winners.add(outcome.getKey());
                        versions.add(result);
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                String expected = Integer.toString(Integer.parseInt(latest) + 1);
                assertThat(versions).containsExactly(expected);
                try (MedicalImagingClient reader = nodes.get("node-a").client()) {
                    assertThat(ImageSets.awaitUnlocked(reader, datastoreId, imageSetId)
                                    .versionId())
                            .isEqualTo(expected);
                    JsonNode document = Imports.metadata(reader, datastoreId, imageSetId, null);
                    assertThat(document.at("/Study/DICOM/StudyDescription").asText())
                            .isEqualTo(winners.getFirst() + "-" + round);
                }
                latest = expected;
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The job COMPLETED with every input file in its manifests exactly once and every image set whole: exactly the
     * manifest's image sets exist, each at its first version (a second commit would have made a second).
     */
    private static void assertEndedCompletedOnce(
            MedicalImagingClient client, String datastoreId, Imports.Finished finished) throws Exception {
        DICOMImportJobProperties job = finished.job();
        assertThat(job.jobStatus()).as("seen: %s", finished.observed()).isEqualTo(JobStatus.COMPLETED);
        assertThat(finished.observed()).noneMatch(seen -> seen.startsWith("FAILED"));
        Path folder = Imports.folder(job);
        List<String> inputs = new ArrayList<>();
        for (String kind : List.of("SUCCESS/success.ndjson", "FAILURE/failure.ndjson")) {
            Path file = folder.resolve(kind);
            if (Files.exists(file)) {
                Imports.ndjson(file)
                        .forEach(line -> inputs.add(line.path("inputFile").asText()));
            }
        }
        assertThat(inputs).hasSize(GE_STUDY_FILES).doesNotHaveDuplicates();
        Set<String> searched = searched(client, datastoreId);
        Imports.assertCompleteImageSets(
                client, datastoreId, Imports.manifest(folder).path("jobSummary"), searched, GE_STUDY_FILES);
        for (String imageSetId : searched) {
            assertThat(client.listImageSetVersions(
                                    r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                            .imageSetPropertiesList())
                    .as("versions of image set %s", imageSetId)
                    .extracting(ImageSetProperties::versionId)
                    .containsExactly("1");
        }
    }

    /** The node that took the job over skipped the file(s) the node it took it from had staged. */
    private static void assertResumedByAnotherNode(String jobId, String from) throws Exception {
        List<String> resumed = new ArrayList<>();
        for (Map.Entry<String, ServerProcess> node : nodes.entrySet()) {
            if (!node.getKey().equals(from)) {
                node.getValue().logLine("Import job " + jobId + " resumes: ").ifPresent(resumed::add);
            }
        }
        assertThat(resumed).hasSize(1);
        assertThat(resumed.getFirst()).containsPattern("resumes: [1-9][0-9]* of " + GE_STUDY_FILES + " files");
    }

    /** The image sets SearchImageSets finds in the data store, every page. */
    private static Set<String> searched(MedicalImagingClient client, String datastoreId) {
        Set<String> found = new HashSet<>();
        client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries().stream()
                .map(ImageSetsMetadataSummary::imageSetId)
                .forEach(found::add);
        return found;
    }

    private static String otherThan(String node) {
        return nodes.keySet().stream()
                .filter(name -> !name.equals(node))
                .sorted()
                .findFirst()
                .orElseThrow();
    }

    private static String geStudy() {
        return SharedCorpus.geStudy().toUri().toString();
    }

    private static String output() {
        return work.resolve("out").toUri().toString();
    }

    /** The next thread of any node to reach the checkpoint is held there. */
    private static void arm() throws Exception {
        ServerProcess.armShared(work);
    }

    /** Every node passes the checkpoint. */
    private static void disarm() throws Exception {
        ServerProcess.disarmShared(work);
    }
}
