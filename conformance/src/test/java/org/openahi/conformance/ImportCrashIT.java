package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * Kills the server (SIGKILL) at each checkpoint of an import — while files are being staged, once every file is staged
 * but the fold into image sets not committed, once the image sets are committed but the manifests not written — and
 * starts it again on the same data: the job ends COMPLETED (it runs again, skipping the files the killed run staged,
 * or only writes its manifests) or FAILED with a message, every
 * visible image set is complete with every frame matching its checksum, and once the job has ended no blob is left
 * that no row references. The server is held at the checkpoint before the kill, so each kill lands where it says.
 */
class ImportCrashIT {
    @TempDir
    Path work;

    @ParameterizedTest(name = "killed at {0} (after {1} passes)")
    @CsvSource({"import.file-staged, 40", "import.folding, 0", "import.committed, 0"})
    void anImportKilledAtACheckpointEndsCleanlyAfterARestart(String checkpoint, int after) throws Exception {
        Path data = work.resolve("data");
        Path output = Files.createDirectories(work.resolve("out"));
        Map<String, String> environment = Map.of(
                "OPENAHI_DATA_DIR",
                data.toString(),
                "OPENAHI_FILE_ROOTS",
                SharedCorpus.dicom() + "," + output,
                "OPENAHI_LEASE_SECONDS",
                "3",
                "OPENAHI_IMPORT_WORKERS",
                "2");
        try (ServerProcess server = new ServerProcess(environment, work.resolve("server.log"))) {
            server.startPausingAt(checkpoint, after);
            String datastoreId;
            String jobId;
            try (MedicalImagingClient client = server.client()) {
                datastoreId =
                        client.createDatastore(r -> r.datastoreName("crash")).datastoreId();
                jobId = Imports.start(
                        client,
                        datastoreId,
                        SharedCorpus.geStudy().toUri().toString(),
                        output.toUri().toString());
                server.awaitPaused();
                assertThat(client.getDICOMImportJob(
                                        r -> r.datastoreId(datastoreId).jobId(jobId))
                                .jobProperties()
                                .jobStatus())
                        .as("the job at the checkpoint")
                        .isEqualTo(JobStatus.IN_PROGRESS);
            }
            server.kill();
            server.start();
            try (MedicalImagingClient client = server.client()) {
                DICOMImportJobProperties job = Imports.await(client, datastoreId, jobId, Duration.ofMinutes(5))
                        .job();
                if (!checkpoint.equals("import.committed")) {
                    // Taken up again, the job skips what the killed run staged.
                    String resumed = server.awaitLogLine(Duration.ofMinutes(1), "Import job " + jobId + " resumes: ");
                    int staged = Integer.parseInt(resumed.replaceAll(".* resumes: (\\d+) of 235 files.*", "$1"));
                    assertThat(staged).isGreaterThanOrEqualTo(checkpoint.equals("import.folding") ? 235 : after);
                }
                if (checkpoint.equals("import.committed")) {
                    assertThat(job.jobStatus())
                            .as("a committed job only writes its manifests again")
                            .isEqualTo(JobStatus.COMPLETED);
                }
                assertThat(job.jobStatus()).isIn(JobStatus.COMPLETED, JobStatus.FAILED);
                Set<String> visible = new DataDirectory(data).query("SELECT id FROM image_set");
                if (job.jobStatus() == JobStatus.FAILED) {
                    assertThat(job.message()).isNotBlank();
                } else {
                    Imports.assertCompleteImageSets(
                            client,
                            datastoreId,
                            Imports.manifest(Imports.folder(job)).path("jobSummary"),
                            visible,
                            235);
                }
            }
            new DataDirectory(data).awaitNoOrphanBlobs();
            assertThat(new String(
                            RawHttp.send(server.port(), "GET", "/_openahi/metrics", Map.of(), new byte[0])
                                    .body(),
                            StandardCharsets.UTF_8))
                    .as("the restarted node counted its take-over of the job")
                    .containsPattern("(?m)^openahi_work_takeovers_total\\{kind=\"import\",node=\"[^\"]+\"} 1(\\.0)?$");
        }
    }
}
