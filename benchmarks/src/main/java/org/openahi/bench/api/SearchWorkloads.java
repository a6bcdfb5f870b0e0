package org.openahi.bench.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;
import software.amazon.awssdk.services.medicalimaging.model.SearchImageSetsResponse;

/**
 * SearchImageSets on the data store "search" (seeded by {@link SearchSeed}): the default search, and the
 * documented kinds of filter, each request with the values of an image set drawn at random from the data store.
 * The image sets are first enumerated through the API itself (every page of the default search), which also
 * checks that paging visits each of them exactly once.
 */
final class SearchWorkloads {
    static final String DATASTORE_NAME = "search";
    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final long UPDATED_WINDOW_SECONDS = 15L * 24 * 3600;
    private static final int STUDY_WINDOW_DAYS = 30;

    /** What a request takes from the image set it was drawn for. */
    private record Sample(String patientId, String seriesInstanceUid, Instant updatedAt, LocalDate studyDate) {}

    private final SignedRequests requests;
    private final String path;
    private final List<Sample> samples;
    private final SplittableRandom random = new SplittableRandom(6);

    private SearchWorkloads(SignedRequests requests, String path, List<Sample> samples) {
        this.requests = requests;
        this.path = path;
        this.samples = samples;
    }

    static List<Workload> of(MedicalImagingClient client, SignedRequests requests) {
        String datastoreId = Datastores.idOf(client, DATASTORE_NAME);
        Enumeration all = enumerate(client, datastoreId);
        return new SearchWorkloads(requests, "/datastore/" + datastoreId + "/searchImageSets", all.samples())
                .workloads(all.lastPageToken());
    }

    /** QIDO-RS SearchDICOMStudies by PatientID on the same data store, a patient drawn at random each time. */
    static List<Workload> qido(MedicalImagingClient client, SignedRequests requests) {
        String datastoreId = Datastores.idOf(client, DATASTORE_NAME);
        List<Sample> samples = enumerate(client, datastoreId).samples();
        SplittableRandom random = new SplittableRandom(7);
        String path = "/datastore/" + datastoreId + "/studies";
        return List.of(new Workload(
                "SearchDICOMStudies",
                String.format("%,d image sets: studies by PatientID", samples.size()),
                () -> requests.get(
                        path,
                        Map.of(
                                "PatientID",
                                samples.get(random.nextInt(samples.size())).patientId()),
                        Map.of("Accept", "application/dicom+json"))));
    }

    private List<Workload> workloads(String lastPageToken) {
        String of = String.format("%,d image sets: ", samples.size());
        return List.of(
                new Workload(
                        "SearchImageSets",
                        of + "no criteria (updatedAt DESC), first page",
                        () -> requests.post(path, Map.of(), "{}")),
                new Workload(
                        "SearchImageSets",
                        of + "no criteria, last page by nextToken",
                        () -> requests.post(path, Map.of("nextToken", lastPageToken), "{}")),
                new Workload(
                        "SearchImageSets",
                        of + "EQUAL DICOMPatientId",
                        drawn(sample -> criteria("{\"operator\":\"EQUAL\",\"values\":[{\"DICOMPatientId\":"
                                + quote(sample.patientId()) + "}]}"))),
                new Workload(
                        "SearchImageSets",
                        of + "BETWEEN updatedAt (30 days) + EQUAL DICOMSeriesInstanceUID, updatedAt ASC",
                        drawn(sample -> criteria(
                                "{\"operator\":\"BETWEEN\",\"values\":["
                                        + "{\"updatedAt\":"
                                        + epochSeconds(sample.updatedAt().minusSeconds(UPDATED_WINDOW_SECONDS)) + "},"
                                        + "{\"updatedAt\":"
                                        + epochSeconds(sample.updatedAt().plusSeconds(UPDATED_WINDOW_SECONDS)) + "}]},"
                                        + "{\"operator\":\"EQUAL\",\"values\":[{\"DICOMSeriesInstanceUID\":"
                                        + quote(sample.seriesInstanceUid()) + "}]}",
                                "{\"sortField\":\"updatedAt\",\"sortOrder\":\"ASC\"}"))),
                new Workload(
                        "SearchImageSets",
                        of + "BETWEEN DICOMStudyDateAndTime (30 days), updatedAt DESC",
                        drawn(sample -> criteria(studyDateRange(sample)))),
                new Workload(
                        "SearchImageSets",
                        of + "BETWEEN DICOMStudyDateAndTime (30 days), DICOMStudyDateAndTime ASC",
                        drawn(sample -> criteria(
                                studyDateRange(sample),
                                "{\"sortField\":\"DICOMStudyDateAndTime\",\"sortOrder\":\"ASC\"}"))));
    }

    /** Requests whose search criteria are made for an image set drawn at random, a new one each time. */
    private Supplier<byte[]> drawn(Function<Sample, String> criteria) {
        return () -> requests.post(path, Map.of(), criteria.apply(samples.get(random.nextInt(samples.size()))));
    }

    private record Enumeration(List<Sample> samples, String lastPageToken) {}

    private static Enumeration enumerate(MedicalImagingClient client, String datastoreId) {
        long started = System.nanoTime();
        List<Sample> samples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        String lastPageToken = null;
        int pages = 0;
        do {
            String next = token;
            SearchImageSetsResponse page =
                    client.searchImageSets(r -> r.datastoreId(datastoreId).nextToken(next));
            pages++;
            for (ImageSetsMetadataSummary summary : page.imageSetsMetadataSummaries()) {
                if (!seen.add(summary.imageSetId())) {
                    throw new IllegalStateException("Paging returned image set " + summary.imageSetId() + " twice");
                }
                var tags = summary.dicomTags();
                samples.add(new Sample(
                        tags.dicomPatientId(),
                        tags.dicomSeriesInstanceUID(),
                        summary.updatedAt(),
                        LocalDate.parse(tags.dicomStudyDate(), DICOM_DATE)));
            }
            lastPageToken = token == null ? lastPageToken : token;
            token = page.nextToken();
        } while (token != null);
        System.err.printf(
                "enumerated %,d image sets of data store %s through %,d pages of SearchImageSets in %.1f s%n",
                samples.size(), DATASTORE_NAME, pages, (System.nanoTime() - started) / 1e9);
        return new Enumeration(samples, lastPageToken);
    }

    private static String studyDateRange(Sample sample) {
        return "{\"operator\":\"BETWEEN\",\"values\":["
                + "{\"DICOMStudyDateAndTime\":{\"DICOMStudyDate\":\""
                + sample.studyDate().format(DICOM_DATE) + "\"}},"
                + "{\"DICOMStudyDateAndTime\":{\"DICOMStudyDate\":\""
                + sample.studyDate().plusDays(STUDY_WINDOW_DAYS - 1).format(DICOM_DATE)
                + "\",\"DICOMStudyTime\":\"235959\"}}]}";
    }

    private static String criteria(String filters) {
        return "{\"filters\":[" + filters + "]}";
    }

    private static String criteria(String filters, String sort) {
        return "{\"filters\":[" + filters + "],\"sort\":" + sort + "}";
    }

    private static String epochSeconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
