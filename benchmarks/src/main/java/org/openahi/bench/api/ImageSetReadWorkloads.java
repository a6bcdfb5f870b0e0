package org.openahi.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.openahi.bench.importing.ImportLoad;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * GetImageSetMetadata and GetImageFrame over every image set and every frame of the data store "reads", in turn (a
 * working set the read cache, OPENAHI_CACHE_BYTES, holds whole when sized for it). {@link #main} seeds the data store
 * by importing a folder through the API:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.ImageSetReadWorkloads ENDPOINT SERIES_DIR OUTPUT_DIR</pre>
 */
public final class ImageSetReadWorkloads {
    static final String DATASTORE_NAME = "reads";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageSetReadWorkloads() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path output = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        try (MedicalImagingClient client = BenchClients.medicalImaging(endpoint)) {
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName(DATASTORE_NAME)).datastoreId();
            DICOMImportJobProperties job =
                    ImportLoad.runJob(client, datastoreId, Path.of(args[1]).toAbsolutePath(), output);
            if (job.jobStatus() != JobStatus.COMPLETED) {
                throw new IllegalStateException(
                        "Import job " + job.jobId() + " ended " + job.jobStatus() + ": " + job.message());
            }
            System.out.println("seeded data store " + DATASTORE_NAME + ": "
                    + imageSets(client, datastoreId).size() + " image sets");
        }
    }

    /** The workload of {@code operation}: GetImageSetMetadata or GetImageFrame. */
    static Workload of(MedicalImagingClient client, SignedRequests requests, String operation) {
        String datastoreId = Datastores.idOf(client, DATASTORE_NAME);
        List<String> imageSets = imageSets(client, datastoreId);
        AtomicInteger next = new AtomicInteger();
        if (operation.equals("GetImageSetMetadata")) {
            return new Workload(operation, "each of " + imageSets.size() + " image sets in turn", () -> {
                String imageSetId = imageSets.get(Math.floorMod(next.getAndIncrement(), imageSets.size()));
                return requests.post(
                        "/datastore/" + datastoreId + "/imageSet/" + imageSetId + "/getImageSetMetadata", Map.of(), "");
            });
        }
        List<String[]> frames = new ArrayList<>();
        for (String imageSetId : imageSets) {
            for (JsonNode series :
                    document(client, datastoreId, imageSetId).path("Study").path("Series")) {
                for (JsonNode instance : series.path("Instances")) {
                    for (JsonNode frame : instance.path("ImageFrames")) {
                        frames.add(new String[] {imageSetId, frame.path("ID").asText()});
                    }
                }
            }
        }
        return new Workload(operation, "each of " + frames.size() + " frames in turn", () -> {
            String[] frame = frames.get(Math.floorMod(next.getAndIncrement(), frames.size()));
            return requests.post(
                    "/datastore/" + datastoreId + "/imageSet/" + frame[0] + "/getImageFrame",
                    Map.of(),
                    "{\"imageFrameId\":\"" + frame[1] + "\"}");
        });
    }

    private static List<String> imageSets(MedicalImagingClient client, String datastoreId) {
        return client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries().stream()
                .map(ImageSetsMetadataSummary::imageSetId)
                .sorted()
                .toList();
    }

    private static JsonNode document(MedicalImagingClient client, String datastoreId, String imageSetId) {
        try (InputStream in = new GZIPInputStream(
                client.getImageSetMetadata(r -> r.datastoreId(datastoreId).imageSetId(imageSetId)))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
