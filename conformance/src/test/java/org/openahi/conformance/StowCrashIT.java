package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * Kills the server (SIGKILL) while four clients store slices of one series by STOW-RS, one slice per request, and
 * starts it again on the same data: every instance acknowledged (200) before the kill is in the series' primary
 * image set, whose document, frames and QIDO-RS index agree; instances staged but not folded when it died are folded
 * after the restart, so staging ends empty; the version history is consecutive; and no blob is left that no row
 * references.
 */
class StowCrashIT {
  private static final String SERIES = "05_3D_Ax_T1_MP_RAGE_R22";
  private static final int CLIENTS = 4;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

  @Test
  void everyAcknowledgedInstanceSurvivesASigkill() throws Exception {
    Path work = Files.createTempDirectory("openahi-stow-crash-");
    DataDirectory data = new DataDirectory(work.resolve("data"));
    List<Path> slices;
    try (Stream<Path> listing = Files.list(SharedCorpus.geStudy().resolve(SERIES))) {
      slices = listing.sorted().toList();
    }
    Map<String, String> environment = Map.of("OPENAHI_DATA_DIR", data.path().toString(),
        "OPENAHI_LEASE_SECONDS", "2", "OPENAHI_BLOB_CLEANUP_GRACE_SECONDS", "0");
    try (ServerProcess server = new ServerProcess(environment, work.resolve("server.log"))) {
      server.start();
      String datastoreId;
      try (MedicalImagingClient client = server.client()) {
        datastoreId = client.createDatastore(r -> r.datastoreName("stow-crash")).datastoreId();
      }
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int first = c;
        clients.execute(() -> {
          try {
            for (int i = first; i < slices.size(); i += CLIENTS) {
              byte[] instance = Files.readAllBytes(slices.get(i));
              if (store(server.port(), datastoreId, instance).status() == 200) {
                acknowledged.add(DicomReader.read(slices.get(i)).dataset().getString(Tag.SOPInstanceUID));
              }
            }
          } catch (Exception killed) {
            // The server died under this client's request: it was not acknowledged.
          }
        });
      }
      Instant deadline = Instant.now().plusSeconds(120);
      while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && Instant.now().isBefore(deadline)) {
        Thread.sleep(5);
      }
      server.kill();
      Set<String> storedBeforeKill = Set.copyOf(acknowledged);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(storedBeforeKill).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
      int stagedAtKill = data.query("SELECT id FROM staged_instance").size();

      server.start();
      awaitEmptyStaging(data);
      try (MedicalImagingClient client = server.client()) {
        List<ImageSetsMetadataSummary> summaries = client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId))
            .imageSetsMetadataSummaries().stream().toList();
        assertThat(summaries).singleElement().satisfies(summary -> assertThat(summary.isPrimary()).isTrue());
        String imageSetId = summaries.get(0).imageSetId();
        JsonNode instances = Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null));
        Set<String> inDocument = new HashSet<>();
        for (JsonNode instance : instances) {
          inDocument.add(instance.at("/DICOM/SOPInstanceUID").asText());
          assertThat(Imports.frame(client, datastoreId, imageSetId, instance.at("/ImageFrames/0/ID").asText()))
              .isNotEmpty();
        }
        assertThat(inDocument).containsAll(storedBeforeKill);
        assertThat(summaries.get(0).dicomTags().dicomNumberOfStudyRelatedInstances()).isEqualTo(inDocument.size());
        Dataset first = DicomReader.read(slices.get(0)).dataset();
        RawHttp.Request qido = new RawHttp.Request(server.port()).path("/datastore/" + datastoreId + "/studies/"
            + first.getString(Tag.StudyInstanceUID) + "/series/" + first.getString(Tag.SeriesInstanceUID)
            + "/instances").header("Accept", "application/dicom+json");
        Set<String> indexed = new HashSet<>();
        qido.send(server.port()).json().forEach(found -> indexed.add(found.at("/00080018/Value/0").asText()));
        assertThat(indexed).isEqualTo(inDocument);
        List<String> versions = new ArrayList<>();
        client.listImageSetVersionsPaginator(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
            .imageSetPropertiesList().forEach(version -> versions.add(version.versionId()));
        for (int i = 0; i < versions.size(); i++) {
          assertThat(versions.get(i)).isEqualTo(Integer.toString(versions.size() - i));
        }
        System.out.println("StowCrashIT: " + storedBeforeKill.size() + " instances acknowledged before the kill, "
            + stagedAtKill + " staged and not folded when it landed, " + inDocument.size() + " stored after the "
            + "restart, in " + versions.size() + " versions");
      }
      data.awaitNoOrphanBlobs();
    }
  }

  private static RawHttp.Response store(int port, String datastoreId, byte[] instance) {
    RawHttp.Request request = new RawHttp.Request(port).method("POST").path("/datastore/" + datastoreId + "/studies")
        .header("Content-Type", "application/dicom").header("Accept", "application/dicom+json");
    request.body = instance;
    return request.send(port);
  }

  private static void awaitEmptyStaging(DataDirectory data) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!data.query("SELECT id FROM staged_instance").isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(data.query("SELECT id FROM staged_instance")).as("instances left staged").isEmpty();
  }
}
