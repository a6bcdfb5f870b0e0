package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * The read cache (OPENAHI_CACHE_BYTES) seen from outside: frames read a second time are answered from it, byte for
 * byte the same, and counted as hits in /_openahi/metrics; with the cache off nothing is a hit. An update's new
 * version reads its own document, not the cached one of the version before.
 */
class ReadCacheIT {
    private static final Pattern HITS =
            Pattern.compile("openahi_read_cache_reads_total\\{[^}]*result=\"hit\"[^}]*} (\\S+)");

    @TempDir
    Path work;

    @ParameterizedTest(name = "OPENAHI_CACHE_BYTES={0}")
    @ValueSource(strings = {"67108864", "0"})
    void framesReadTwiceAreHitsOnlyWithTheCacheOn(String cacheBytes) throws Exception {
        try (TestServer server = TestServer.start(
                        Backend.SQLITE,
                        Map.of(
                                "OPENAHI_CACHE_BYTES",
                                cacheBytes,
                                "OPENAHI_FILE_ROOTS",
                                SharedCorpus.dicom() + "," + work));
                MedicalImagingClient client = server.client()) {
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName("cache")).datastoreId();
            Imports.Finished imported = Imports.run(
                    client,
                    datastoreId,
                    SharedCorpus.geStudy().resolve(ImageSets.SERIES_01).toUri().toString(),
                    work.toUri().toString());
            assertThat(imported.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
            String imageSetId = Imports.ndjson(Imports.folder(imported.job()).resolve("SUCCESS/success.ndjson"))
                    .get(0)
                    .at("/importResponse/imageSetId")
                    .asText();
            JsonNode document = Imports.metadata(client, datastoreId, imageSetId, "1");
            List<String> frameIds = new ArrayList<>();
            for (JsonNode instance : Imports.instances(document)) {
                frameIds.add(instance.path("ImageFrames").get(0).path("ID").asText());
            }
            List<byte[]> first = new ArrayList<>();
            for (String frameId : frameIds) {
                first.add(Imports.frame(client, datastoreId, imageSetId, frameId));
            }
            double hitsBefore = hits(server);
            for (int i = 0; i < frameIds.size(); i++) {
                assertThat(Imports.frame(client, datastoreId, imageSetId, frameIds.get(i)))
                        .isEqualTo(first.get(i));
            }
            // At least: background work reading a document meanwhile (the DICOMweb index backfill) may add a hit.
            double hits = hits(server) - hitsBefore;
            if (cacheBytes.equals("0")) {
                assertThat(hits).as("hits with the cache off").isZero();
            } else {
                assertThat(hits)
                        .as("hits among %s frames read a second time", frameIds.size())
                        .isGreaterThanOrEqualTo(frameIds.size());
            }

            String edited = ImageSets.updateAndWait(
                    client,
                    datastoreId,
                    imageSetId,
                    "1",
                    ImageSets.studyAttribute("StudyDescription", "Cached then edited"));
            assertThat(Imports.metadata(client, datastoreId, imageSetId, edited)
                            .at("/Study/DICOM/StudyDescription")
                            .asText())
                    .isEqualTo("Cached then edited");
            assertThat(Imports.metadata(client, datastoreId, imageSetId, "1")).isEqualTo(document);
        }
    }

    private static double hits(TestServer server) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String metrics = http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + server.port() + "/_openahi/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher hits = HITS.matcher(metrics);
            assertThat(hits.find()).as("the hit counter in %s", metrics).isTrue();
            return Double.parseDouble(hits.group(1));
        }
    }
}
