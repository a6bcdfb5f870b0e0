package org.openahi.bench.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.openahi.bench.importing.ImportLoad;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetWorkflowStatus;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * Seeds the data store "history" for {@link VersionWorkloads} through the API only: imports a folder holding one
 * series per image set, then gives the image sets the requested numbers of versions by calling
 * UpdateImageSetMetadata again and again (a new StudyDescription each time), each time waiting, by polling
 * GetImageSet, for the update to end (UPDATED, ACTIVE) before sending the next. Prints how long the updates took:
 * sequential update throughput, and the latency of each update from request to ACTIVE.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.HistorySeed ENDPOINT SERIES_DIR OUTPUT_DIR 10,1000,10000</pre>
 */
public final class HistorySeed {
    private HistorySeed() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path series = Path.of(args[1]).toAbsolutePath();
        Path output = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        List<Integer> versions =
                Arrays.stream(args[3].split(",")).map(Integer::valueOf).sorted().toList();
        try (MedicalImagingClient client = BenchClients.medicalImaging(endpoint)) {
            String datastoreId = client.createDatastore(r -> r.datastoreName(VersionWorkloads.DATASTORE_NAME))
                    .datastoreId();
            DICOMImportJobProperties job = ImportLoad.runJob(client, datastoreId, series, output);
            if (job.jobStatus() != JobStatus.COMPLETED) {
                throw new IllegalStateException(
                        "Import job " + job.jobId() + " ended " + job.jobStatus() + ": " + job.message());
            }
            List<String> imageSets =
                    client
                            .searchImageSetsPaginator(r -> r.datastoreId(datastoreId))
                            .imageSetsMetadataSummaries()
                            .stream()
                            .map(ImageSetsMetadataSummary::imageSetId)
                            .sorted()
                            .toList();
            if (imageSets.size() != versions.size()) {
                throw new IllegalStateException("The import made " + imageSets.size() + " image sets; "
                        + versions.size() + " are needed, one series each");
            }
            System.out.println("| versions | updates | wall time (s) | updates/s | p50 (ms) | p99 (ms) | max (ms) | "
                    + "GetImageSet polls per update |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int i = 0; i < versions.size(); i++) {
                updateUntil(client, datastoreId, imageSets.get(i), versions.get(i));
            }
        }
    }

    /** Updates the image set until it has {@code target} versions; prints one table row. */
    private static void updateUntil(MedicalImagingClient client, String datastoreId, String imageSetId, int target)
            throws InterruptedException {
        int version = Integer.parseInt(
                client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                        .versionId());
        long[] latencies = new long[target - version];
        long polls = 0;
        long started = System.nanoTime();
        for (int n = 0; version < target; n++) {
            long sent = System.nanoTime();
            String latest = Integer.toString(version);
            String attributes =
                    "{\"SchemaVersion\":1.1,\"Study\":{\"DICOM\":{\"StudyDescription\":\"v" + (version + 1) + "\"}}}";
            String next = client.updateImageSetMetadata(r -> r.datastoreId(datastoreId)
                            .imageSetId(imageSetId)
                            .latestVersionId(latest)
                            .updateImageSetMetadataUpdates(u -> u.dicomUpdates(d ->
                                    d.updatableAttributes(SdkBytes.fromString(attributes, StandardCharsets.UTF_8)))))
                    .latestVersionId();
            GetImageSetResponse state;
            do {
                polls++;
                state = client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId));
                if (state.imageSetState() == ImageSetState.LOCKED) {
                    Thread.sleep(1);
                }
            } while (state.imageSetState() == ImageSetState.LOCKED);
            if (state.imageSetWorkflowStatus() != ImageSetWorkflowStatus.UPDATED
                    || !state.versionId().equals(next)) {
                throw new IllegalStateException("Update to version " + next + " of image set " + imageSetId + " ended "
                        + state.imageSetState() + " / " + state.imageSetWorkflowStatus() + ": " + state.message());
            }
            latencies[n] = System.nanoTime() - sent;
            version = Integer.parseInt(next);
            if (version % 1000 == 0) {
                System.err.printf(
                        "image set %s: version %,d after %.1f s%n",
                        imageSetId, version, (System.nanoTime() - started) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
                "| %,d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
                target,
                latencies.length,
                seconds,
                latencies.length / seconds,
                Percentiles.millis(latencies, 0.5),
                Percentiles.millis(latencies, 0.99),
                Percentiles.millis(latencies, 1.0),
                (double) polls / latencies.length);
    }
}
