package org.openahi.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * WADO-RS on the first image set of the data store "history" (seeded by {@link HistorySeed}: synthetic CT slices,
 * 512 x 512, 16-bit): one frame as stored (the HTJ2K codestream), the same frame decoded to native pixels, and the
 * series' metadata.
 */
final class DicomWebWorkloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DicomWebWorkloads() {}

    static List<Workload> of(MedicalImagingClient client, SignedRequests requests) {
        String datastoreId = Datastores.idOf(client, VersionWorkloads.DATASTORE_NAME);
        ImageSetsMetadataSummary imageSet = client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId))
                .imageSetsMetadataSummaries()
                .iterator()
                .next();
        JsonNode document = document(client, datastoreId, imageSet.imageSetId());
        String study = document.at("/Study/DICOM/StudyInstanceUID").asText();
        String series = document.at("/Study/Series").fieldNames().next();
        String sop = document.at("/Study/Series/" + series + "/Instances")
                .fieldNames()
                .next();
        String seriesPath = "/datastore/" + datastoreId + "/studies/" + study + "/series/" + series;
        String frame = seriesPath + "/instances/" + sop + "/frames/1";
        return List.of(
                new Workload(
                        "GetDICOMInstanceFrames",
                        "one frame as stored (image/jphc)",
                        () -> requests.get(
                                frame,
                                Map.of(),
                                Map.of(
                                        "Accept",
                                        "multipart/related; type=\"image/jphc\"; transfer-syntax=1.2.840.10008.1.2.4.202"))),
                new Workload(
                        "GetDICOMInstanceFrames",
                        "one frame decoded (application/octet-stream)",
                        () -> requests.get(
                                frame,
                                Map.of(),
                                Map.of(
                                        "Accept",
                                        "multipart/related; type=\"application/octet-stream\"; "
                                                + "transfer-syntax=1.2.840.10008.1.2.1"))),
                new Workload(
                        "GetDICOMSeriesMetadata",
                        "series of "
                                + document.at("/Study/Series/" + series + "/Instances")
                                        .size() + " instances",
                        () -> requests.get(
                                seriesPath + "/metadata", Map.of(), Map.of("Accept", "application/dicom+json"))));
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
