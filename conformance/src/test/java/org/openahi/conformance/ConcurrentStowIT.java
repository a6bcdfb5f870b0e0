package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * Sixteen clients store the 130 slices of one series at once, one slice per STOW-RS request, as PACS forwarders and
 * scanners send them: every request succeeds (none is refused because another client wrote the series), and the
 * series is one primary image set holding every slice — in its document, QIDO-RS and SearchImageSets alike — with a
 * history of consecutive versions. On SQLite and on PostgreSQL.
 */
class ConcurrentStowIT {
    private static final String SERIES = "05_3D_Ax_T1_MP_RAGE_R22";
    private static final int CLIENTS = 16;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sixteenClientsStoringSlicesOfOneSeriesAllSucceedIntoOnePrimaryImageSet(Backend backend) throws Exception {
        List<Path> slices;
        try (Stream<Path> listing = Files.list(SharedCorpus.geStudy().resolve(SERIES))) {
            slices = listing.sorted().toList();
        }
        assertThat(slices).hasSize(130);
        try (TestServer server = TestServer.start(backend);
                MedicalImagingClient client = server.client()) {
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName("sixteen")).datastoreId();
            List<Future<List<Integer>>> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                for (int c = 0; c < CLIENTS; c++) {
                    int first = c;
                    statuses.add(pool.submit(() -> {
                        List<Integer> answers = new ArrayList<>();
                        for (int i = first; i < slices.size(); i += CLIENTS) {
                            answers.add(store(server, datastoreId, Files.readAllBytes(slices.get(i)))
                                    .status());
                        }
                        return answers;
                    }));
                }
                for (Future<List<Integer>> answers : statuses) {
                    assertThat(answers.get()).containsOnly(200);
                }
            }

            List<ImageSetsMetadataSummary> summaries =
                    client
                            .searchImageSetsPaginator(r -> r.datastoreId(datastoreId))
                            .imageSetsMetadataSummaries()
                            .stream()
                            .toList();
            assertThat(summaries).singleElement().satisfies(summary -> {
                assertThat(summary.isPrimary()).isTrue();
                assertThat(summary.dicomTags().dicomNumberOfStudyRelatedInstances())
                        .isEqualTo(130);
            });
            String imageSetId = summaries.get(0).imageSetId();
            assertThat(Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null))
                            .size())
                    .isEqualTo(130);
            Dataset first = DicomReader.read(slices.get(0)).dataset();
            JsonNode found = new RawHttp.Request(server)
                    .path("/datastore/" + datastoreId + "/studies/"
                            + first.getString(Tag.StudyInstanceUID) + "/series/"
                            + first.getString(Tag.SeriesInstanceUID)
                            + "/instances")
                    .header("Accept", "application/dicom+json")
                    .send(server)
                    .json();
            assertThat(found.size()).isEqualTo(130);
            List<String> versions = new ArrayList<>();
            client.listImageSetVersionsPaginator(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                    .imageSetPropertiesList()
                    .forEach(version -> versions.add(version.versionId()));
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i)).isEqualTo(Integer.toString(versions.size() - i));
            }
            System.out.println("ConcurrentStowIT (" + backend + "): " + CLIENTS + " clients stored 130 slices in "
                    + versions.size() + " versions");
        }
    }

    private static RawHttp.Response store(TestServer server, String datastoreId, byte[] instance) {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies")
                .header("Content-Type", "application/dicom")
                .header("Accept", "application/dicom+json");
        request.body = instance;
        return request.send(server);
    }
}
