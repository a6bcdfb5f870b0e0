package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.TempFolders;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMTags;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;
import software.amazon.awssdk.services.medicalimaging.model.Operator;
import software.amazon.awssdk.services.medicalimaging.model.SearchByAttributeValue;
import software.amazon.awssdk.services.medicalimaging.model.SearchCriteria;
import software.amazon.awssdk.services.medicalimaging.model.SearchFilter;
import software.amazon.awssdk.services.medicalimaging.model.SearchImageSetsResponse;
import software.amazon.awssdk.services.medicalimaging.model.SortField;
import software.amazon.awssdk.services.medicalimaging.model.SortOrder;
import software.amazon.awssdk.services.medicalimaging.model.StorageTier;

/**
 * SearchImageSets through the SDK on the fixture's image sets (three of one GE study, plus a copy and a deleted
 * copy): each documented filter, the default and explicit sorts, the DICOMTags summaries, pages and the paginator;
 * on each metadata store (their query plans differ).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.openahi.conformance.Storage#all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchImageSetsIT {
    @Parameter
    Storage storage;
    /** This invocation's own folder (a @TempDir cannot be given to a per-invocation set-up). */
    private Path work;

    private TestServer server;
    private MedicalImagingClient client;
    private ImageSets.Fixture fixture;
    private String copy;
    private JsonNode primaryDocument;
    private Instant beforeCopy;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        work = Files.createTempDirectory("openahi-search-");
        server = TestServer.start(storage, Map.of("OPENAHI_FILE_ROOTS", work.toString()));
        client = server.client();
        fixture = ImageSets.importFixture(client, work, "search");
        String ds = fixture.datastoreId();
        primaryDocument = Imports.metadata(client, ds, fixture.primary(), null);
        Thread.sleep(5); // updatedAt has millisecond resolution: keep the copy's strictly later
        beforeCopy = Instant.now();
        copy = client.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.otherSeries())
                        .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId("1"))))
                .destinationImageSetProperties()
                .imageSetId();
        ImageSets.awaitUnlocked(client, ds, copy);
        String deleted = client.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.nonPrimary())
                        .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId("1"))))
                .destinationImageSetProperties()
                .imageSetId();
        ImageSets.awaitUnlocked(client, ds, deleted);
        client.deleteImageSet(r -> r.datastoreId(ds).imageSetId(deleted));
        ImageSets.awaitUnlocked(client, ds, deleted);
        for (String id : List.of(fixture.primary(), fixture.otherSeries(), fixture.nonPrimary())) {
            ImageSets.awaitUnlocked(client, ds, id);
        }
    }

    @AfterParameterizedClassInvocation
    void stop() {
        client.close();
        server.close();
        TempFolders.delete(work);
    }

    private List<ImageSetsMetadataSummary> search(Consumer<SearchCriteria.Builder> criteria) {
        List<ImageSetsMetadataSummary> found = new ArrayList<>();
        client.searchImageSetsPaginator(
                        r -> r.datastoreId(fixture.datastoreId()).searchCriteria(criteria))
                .imageSetsMetadataSummaries()
                .forEach(found::add);
        return found;
    }

    private List<String> ids(Consumer<SearchCriteria.Builder> criteria) {
        return search(criteria).stream()
                .map(ImageSetsMetadataSummary::imageSetId)
                .toList();
    }

    private static SearchFilter equal(SearchByAttributeValue value) {
        return SearchFilter.builder().operator(Operator.EQUAL).values(value).build();
    }

    private static SearchFilter between(SearchByAttributeValue lower, SearchByAttributeValue upper) {
        return SearchFilter.builder()
                .operator(Operator.BETWEEN)
                .values(lower, upper)
                .build();
    }

    @Test
    void emptyCriteriaFindEveryImageSetThatIsNotDeletedNewestUpdateFirst() {
        SearchImageSetsResponse response = client.searchImageSets(r -> r.datastoreId(fixture.datastoreId()));
        List<ImageSetsMetadataSummary> found = response.imageSetsMetadataSummaries();
        assertThat(found)
                .extracting(ImageSetsMetadataSummary::imageSetId)
                .containsExactlyInAnyOrder(fixture.primary(), fixture.nonPrimary(), fixture.otherSeries(), copy);
        assertThat(found.get(0).imageSetId()).isEqualTo(copy);
        for (int i = 0; i < found.size() - 1; i++) {
            assertThat(found.get(i).updatedAt())
                    .isAfterOrEqualTo(found.get(i + 1).updatedAt());
        }
        assertThat(response.sort().sortField()).isEqualTo(SortField.UPDATED_AT);
        assertThat(response.sort().sortOrder()).isEqualTo(SortOrder.DESC);
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void aSummaryCarriesTheImageSetsDicomTags() {
        ImageSetsMetadataSummary primary = search(
                        c -> c.filters(equal(SearchByAttributeValue.fromDicomSeriesInstanceUID(
                                primaryDocument.at("/Study/Series").fieldNames().next()))))
                .stream()
                .filter(s -> s.imageSetId().equals(fixture.primary()))
                .findFirst()
                .orElseThrow();
        assertThat(primary.version()).isEqualTo(1);
        assertThat(primary.isPrimary()).isTrue();
        assertThat(primary.storageTier()).isEqualTo(StorageTier.FREQUENT_ACCESS);
        DICOMTags tags = primary.dicomTags();
        JsonNode patient = primaryDocument.at("/Patient/DICOM");
        JsonNode study = primaryDocument.at("/Study/DICOM");
        JsonNode series = primaryDocument.at("/Study/Series").elements().next().path("DICOM");
        assertThat(tags.dicomPatientId())
                .isEqualTo(patient.path("PatientID").asText().strip());
        assertThat(tags.dicomPatientName())
                .isEqualTo(patient.path("PatientName").asText().strip());
        assertThat(tags.dicomStudyInstanceUID())
                .isEqualTo(study.path("StudyInstanceUID").asText().strip());
        assertThat(tags.dicomStudyDate())
                .isEqualTo(study.path("StudyDate").asText().strip());
        assertThat(tags.dicomStudyTime())
                .isEqualTo(study.path("StudyTime").asText().strip());
        assertThat(tags.dicomSeriesInstanceUID())
                .isEqualTo(primaryDocument.at("/Study/Series").fieldNames().next());
        assertThat(tags.dicomSeriesModality()).isEqualTo("MR");
        assertThat(tags.dicomSeriesNumber())
                .isEqualTo(Integer.parseInt(series.path("SeriesNumber").asText().strip()));
        assertThat(tags.dicomNumberOfStudyRelatedSeries()).isEqualTo(1);
        assertThat(tags.dicomNumberOfStudyRelatedInstances()).isEqualTo(13);
    }

    @Test
    void equalFiltersMatchIdentifiersAndPrimacy() {
        String studyUid =
                primaryDocument.at("/Study/DICOM/StudyInstanceUID").asText().strip();
        assertThat(ids(c -> c.filters(equal(SearchByAttributeValue.fromDicomStudyInstanceUID(studyUid)))))
                .containsExactlyInAnyOrder(fixture.primary(), fixture.nonPrimary(), fixture.otherSeries(), copy);
        assertThat(ids(c -> c.filters(equal(SearchByAttributeValue.fromDicomPatientId("SOMEONE-ELSE")))))
                .containsExactly(fixture.nonPrimary());
        assertThat(ids(c -> c.filters(equal(SearchByAttributeValue.fromIsPrimary(false)))))
                .containsExactlyInAnyOrder(fixture.nonPrimary(), copy);
        assertThat(ids(c -> c.filters(
                        equal(SearchByAttributeValue.fromIsPrimary(true)),
                        equal(SearchByAttributeValue.fromDicomPatientId("SOMEONE-ELSE")))))
                .isEmpty();
        assertThat(ids(c -> c.filters(equal(SearchByAttributeValue.fromDicomAccessionNumber("NO-SUCH-ACCESSION")))))
                .isEmpty();
    }

    @Test
    void studyDateFiltersTakeADayOrARange() {
        String date = primaryDocument.at("/Study/DICOM/StudyDate").asText().strip();
        int year = Integer.parseInt(date.substring(0, 4));
        assertThat(ids(c -> c.filters(
                        equal(SearchByAttributeValue.fromDicomStudyDateAndTime(d -> d.dicomStudyDate(date))))))
                .hasSize(4);
        assertThat(ids(c -> c.filters(between(
                        SearchByAttributeValue.fromDicomStudyDateAndTime(d -> d.dicomStudyDate((year - 1) + "0101")),
                        SearchByAttributeValue.fromDicomStudyDateAndTime(d -> d.dicomStudyDate((year + 1) + "0101"))))))
                .hasSize(4);
        assertThat(ids(c -> c.filters(between(
                        SearchByAttributeValue.fromDicomStudyDateAndTime(d -> d.dicomStudyDate((year + 1) + "0101")),
                        SearchByAttributeValue.fromDicomStudyDateAndTime(d -> d.dicomStudyDate((year + 2) + "0101"))))))
                .isEmpty();
    }

    @Test
    void updatedAtRangeWithASeriesAsAhiDocumentsIt() {
        String otherSeriesUid = Imports.metadata(client, fixture.datastoreId(), copy, null)
                .at("/Study/Series")
                .fieldNames()
                .next();
        List<ImageSetsMetadataSummary> found = search(c -> c.filters(
                        between(
                                SearchByAttributeValue.fromUpdatedAt(beforeCopy),
                                SearchByAttributeValue.fromUpdatedAt(
                                        Instant.now().plusSeconds(60))),
                        equal(SearchByAttributeValue.fromDicomSeriesInstanceUID(otherSeriesUid)))
                .sort(s -> s.sortField(SortField.UPDATED_AT).sortOrder(SortOrder.ASC)));
        assertThat(found).extracting(ImageSetsMetadataSummary::imageSetId).containsExactly(copy);
        assertThat(ids(c -> c.filters(between(
                        SearchByAttributeValue.fromCreatedAt(beforeCopy),
                        SearchByAttributeValue.fromCreatedAt(Instant.now().plusSeconds(60))))))
                .containsExactly(copy);
    }

    @Test
    void everySortOrdersThePagesItReturnsAndPagesNeitherRepeatNorSkip() {
        for (SortField field :
                List.of(SortField.UPDATED_AT, SortField.CREATED_AT, SortField.DICOM_STUDY_DATE_AND_TIME)) {
            for (SortOrder order : List.of(SortOrder.ASC, SortOrder.DESC)) {
                List<String> oneByOne = new ArrayList<>();
                String token = null;
                do {
                    String next = token;
                    SearchImageSetsResponse page = client.searchImageSets(r -> r.datastoreId(fixture.datastoreId())
                            .maxResults(1)
                            .nextToken(next)
                            .searchCriteria(c -> c.sort(s -> s.sortField(field).sortOrder(order))));
                    assertThat(page.sort().sortField()).isEqualTo(field);
                    page.imageSetsMetadataSummaries().forEach(s -> oneByOne.add(s.imageSetId()));
                    token = page.nextToken();
                } while (token != null);
                assertThat(oneByOne)
                        .as(field + " " + order)
                        .hasSize(4)
                        .doesNotHaveDuplicates()
                        .isEqualTo(ids(c -> c.sort(s -> s.sortField(field).sortOrder(order))));
            }
        }
        List<ImageSetsMetadataSummary> ascending =
                search(c -> c.sort(s -> s.sortField(SortField.CREATED_AT).sortOrder(SortOrder.ASC)));
        assertThat(ascending.get(ascending.size() - 1).imageSetId()).isEqualTo(copy);
    }
}
