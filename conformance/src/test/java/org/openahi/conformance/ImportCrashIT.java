package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;
import org.openahi.testing.SharedCorpus;

/**
 * Kills the server (SIGKILL) in the middle of an import and starts it again on the same data: the job ends
 * COMPLETED (it runs again) or FAILED with a message, every visible image set is complete, and once the job has
 * ended no blob is left that no row references.
 */
class ImportCrashIT {

  @Test
  void anImportInterruptedBySigkillEndsCleanlyAfterARestart() throws Exception {
    Path work = Files.createTempDirectory("openahi-crash-");
    Path data = work.resolve("data");
    Path output = Files.createDirectories(work.resolve("out"));
    Map<String, String> environment = Map.of(
        "OPENAHI_DATA_DIR", data.toString(),
        "OPENAHI_FILE_ROOTS", SharedCorpus.dicom() + "," + output,
        "OPENAHI_LEASE_SECONDS", "3",
        "OPENAHI_IMPORT_WORKERS", "2");
    try (ServerProcess server = new ServerProcess(environment, work.resolve("server.log"))) {
      server.start();
      String datastoreId;
      String jobId;
      try (MedicalImagingClient client = server.client()) {
        datastoreId = client.createDatastore(r -> r.datastoreName("crash")).datastoreId();
        jobId = Imports.start(client, datastoreId, SharedCorpus.geStudy().toUri().toString(), output.toUri().toString());
        awaitProgress(client, datastoreId, jobId, 40);
      }
      server.kill();
      server.start();
      try (MedicalImagingClient client = server.client()) {
        DICOMImportJobProperties job = Imports.await(client, datastoreId, jobId, Duration.ofMinutes(5)).job();
        assertThat(job.jobStatus()).isIn(JobStatus.COMPLETED, JobStatus.FAILED);
        Set<String> visible = imageSetIds(data);
        if (job.jobStatus() == JobStatus.FAILED) {
          assertThat(job.message()).isNotBlank();
        } else {
          JsonNode summary = Imports.manifest(Imports.folder(job)).path("jobSummary");
          assertThat(summary.path("numberOfImportedFiles").asInt()).isEqualTo(235);
          Set<String> committed = new HashSet<>();
          summary.path("imageSetsSummary").forEach(set -> committed.add(set.path("imageSetId").asText()));
          assertThat(visible).as("only the rerun's image sets exist").isEqualTo(committed);
          for (JsonNode set : summary.path("imageSetsSummary")) {
            String imageSetId = set.path("imageSetId").asText();
            assertThat(client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId)).imageSetState())
                .isEqualTo(ImageSetState.ACTIVE);
            JsonNode instances = Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null));
            assertThat(instances.size()).isEqualTo(set.path("numberOfMatchedSOPInstances").asInt());
            for (JsonNode instance : instances) {
              for (JsonNode frame : instance.path("ImageFrames")) {
                assertThat(Imports.frame(client, datastoreId, imageSetId, frame.path("ID").asText())).isNotEmpty();
              }
            }
          }
        }
      }
      new DataDirectory(data).awaitNoOrphanBlobs();
    }
  }

  private static void awaitProgress(MedicalImagingClient client, String datastoreId, String jobId, int files)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      DICOMImportJobProperties job = client.getDICOMImportJob(r -> r.datastoreId(datastoreId).jobId(jobId)).jobProperties();
      assertThat(job.jobStatus()).as("the job must still be running when the server is killed")
          .isIn(JobStatus.SUBMITTED, JobStatus.IN_PROGRESS);
      String message = job.message() == null ? "" : job.message();
      if (message.startsWith("IN_PROGRESS: ") && Integer.parseInt(message.split(" ")[1]) >= files) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("The import did not make progress");
  }

  private static Set<String> imageSetIds(Path data) throws Exception {
    return new DataDirectory(data).query("SELECT id FROM image_set");
  }
}
