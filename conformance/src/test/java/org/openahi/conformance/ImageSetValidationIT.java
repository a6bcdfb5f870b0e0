package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ConflictException;
import software.amazon.awssdk.services.medicalimaging.model.MedicalImagingException;
import software.amazon.awssdk.services.medicalimaging.model.Operator;
import software.amazon.awssdk.services.medicalimaging.model.ResourceNotFoundException;
import software.amazon.awssdk.services.medicalimaging.model.SearchByAttributeValue;
import software.amazon.awssdk.services.medicalimaging.model.SearchFilter;
import software.amazon.awssdk.services.medicalimaging.model.SearchImageSetsRequest;
import software.amazon.awssdk.services.medicalimaging.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.medicalimaging.model.SortField;
import software.amazon.awssdk.services.medicalimaging.model.SortOrder;
import software.amazon.awssdk.services.medicalimaging.model.ValidationException;

/**
 * Every validation rule of UpdateImageSetMetadata, CopyImageSet, DeleteImageSet, ListImageSetVersions and
 * SearchImageSets, one row each, through the SDK (raw signed HTTP only where the SDK cannot build the request):
 * the AWS error type and a message naming what is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageSetValidationIT {
    private static final String MISSING = "f".repeat(32);

    private TestServer server;
    private MedicalImagingClient client;
    private ImageSets.Fixture fixture;
    private String series;
    private String deletedCopy;
    private String versionsToken;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        server = TestServer.start(
                Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString(), "OPENAHI_COPY_MAX_FRAMES", "12"));
        client = server.client();
        fixture = ImageSets.importFixture(client, work, "validation");
        JsonNode document = Imports.metadata(client, fixture.datastoreId(), fixture.primary(), null);
        series = document.at("/Study/Series").fieldNames().next();
        String sop = Imports.instances(document).fieldNames().next();
        deletedCopy = client.copyImageSet(r -> r.datastoreId(fixture.datastoreId())
                        .sourceImageSetId(fixture.primary())
                        .copyImageSetInformation(c -> c.sourceImageSet(
                                s -> s.latestVersionId("1").dicomCopies(d -> d.copiableAttributes(copiable(sop))))))
                .destinationImageSetProperties()
                .imageSetId();
        ImageSets.awaitUnlocked(client, fixture.datastoreId(), deletedCopy);
        ImageSets.awaitUnlocked(client, fixture.datastoreId(), fixture.primary());
        client.deleteImageSet(r -> r.datastoreId(fixture.datastoreId()).imageSetId(deletedCopy));
        ImageSets.awaitUnlocked(client, fixture.datastoreId(), deletedCopy);
        versionsToken = client.listImageSetVersions(r -> r.datastoreId(fixture.datastoreId())
                        .imageSetId(deletedCopy)
                        .maxResults(1))
                .nextToken();
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    private record Case(
            String name,
            Class<? extends MedicalImagingException> error,
            String message,
            Consumer<MedicalImagingClient> call) {}

    private String copiable(String sop) {
        return "{\"SchemaVersion\":\"1.1\",\"Study\":{\"Series\":{\"" + series + "\":{\"Instances\":{\"" + sop
                + "\":{}}}}}}";
    }

    private void update(MedicalImagingClient c, String imageSetId, String latest, String updatable) {
        ImageSets.update(c, fixture.datastoreId(), imageSetId, latest, updatable);
    }

    private void search(MedicalImagingClient c, Consumer<SearchImageSetsRequest.Builder> request) {
        c.searchImageSets(r -> request.accept(r.datastoreId(fixture.datastoreId())));
    }

    private static SearchFilter filter(Operator operator, SearchByAttributeValue... values) {
        return SearchFilter.builder().operator(operator).values(values).build();
    }

    private static SearchByAttributeValue patient(String id) {
        return SearchByAttributeValue.fromDicomPatientId(id);
    }

    private static SearchByAttributeValue created(Instant at) {
        return SearchByAttributeValue.fromCreatedAt(at);
    }

    private static SearchByAttributeValue studyDate(String date) {
        return SearchByAttributeValue.fromDicomStudyDateAndTime(d -> d.dicomStudyDate(date));
    }

    private List<Case> cases() {
        String ds = fixture.datastoreId();
        String primary = fixture.primary();
        String study = ImageSets.studyAttribute("StudyDescription", "X");
        Instant now = Instant.now();
        List<Case> cases = new ArrayList<>();
        // UpdateImageSetMetadata
        cases.add(new Case(
                "update: stale latestVersionId",
                ConflictException.class,
                "is not the latest version",
                c -> update(c, primary, "7", study)));
        cases.add(new Case(
                "update: latestVersionId not a number",
                ValidationException.class,
                "latestVersion",
                c -> update(c, primary, "one", study)));
        cases.add(new Case(
                "update: unknown image set",
                ResourceNotFoundException.class,
                MISSING,
                c -> update(c, MISSING, "1", study)));
        cases.add(new Case(
                "update: unknown data store",
                ResourceNotFoundException.class,
                "Datastore",
                c -> ImageSets.update(c, MISSING, primary, "1", study)));
        cases.add(new Case(
                "update: deleted image set",
                ConflictException.class,
                "is DELETED",
                c -> update(c, deletedCopy, "2", study)));
        cases.add(new Case(
                "update: DICOMUpdates without attributes",
                ValidationException.class,
                "needs updatableAttributes, removableAttributes or both",
                c -> c.updateImageSetMetadata(r -> r.datastoreId(ds)
                        .imageSetId(primary)
                        .latestVersionId("1")
                        .updateImageSetMetadataUpdates(u -> u.dicomUpdates(d -> {})))));
        cases.add(new Case(
                "update: over the 10 KB payload quota",
                ServiceQuotaExceededException.class,
                "OPENAHI_UPDATE_MAX_BYTES",
                c -> update(c, primary, "1", ImageSets.studyAttribute("StudyDescription", "X".repeat(11_000)))));
        cases.add(new Case(
                "update: over the model's 30,000 bytes",
                ValidationException.class,
                "updatableAttributes",
                c -> update(c, primary, "1", ImageSets.studyAttribute("StudyDescription", "X".repeat(30_001)))));
        cases.add(new Case(
                "update: empty attributes",
                ValidationException.class,
                "updatableAttributes",
                c -> update(c, primary, "1", "")));
        cases.add(new Case(
                "update: attributes that are not JSON",
                ValidationException.class,
                "updatableAttributes is not a JSON object",
                c -> update(c, primary, "1", "{\"Study\":")));
        cases.add(new Case(
                "update: Patient level of a primary image set",
                ValidationException.class,
                "Patient-level attributes of a primary image set cannot be changed",
                c -> update(
                        c, primary, "1", "{\"SchemaVersion\":1.1,\"Patient\":{\"DICOM\":{\"PatientName\":\"X\"}}}")));
        cases.add(new Case(
                "update: forced UID change of a primary image set",
                ValidationException.class,
                "cannot be changed on a primary image set",
                c -> c.updateImageSetMetadata(r -> r.datastoreId(ds)
                        .imageSetId(primary)
                        .latestVersionId("1")
                        .force(true)
                        .updateImageSetMetadataUpdates(u -> u.dicomUpdates(d -> d.updatableAttributes(
                                ImageSets.json(ImageSets.studyAttribute("StudyInstanceUID", "1.2.3"))))))));
        cases.add(new Case(
                "update: attribute at the wrong level",
                ValidationException.class,
                "is a Patient-level attribute",
                c -> update(c, fixture.nonPrimary(), "1", ImageSets.studyAttribute("PatientName", "X"))));
        cases.add(new Case(
                "update: series not in the image set",
                ValidationException.class,
                "no such series",
                c -> update(
                        c, primary, "1", "{\"SchemaVersion\":1.1,\"Study\":{\"Series\":{\"1.2\":{\"DICOM\":{}}}}}")));
        cases.add(new Case(
                "update: revert to a version that does not exist",
                ResourceNotFoundException.class,
                "has no version 9",
                c -> c.updateImageSetMetadata(r -> r.datastoreId(ds)
                        .imageSetId(primary)
                        .latestVersionId("1")
                        .updateImageSetMetadataUpdates(u -> u.revertToVersionId("9")))));
        cases.add(new Case(
                "update: revert with includeStudyImageSets",
                ValidationException.class,
                "includeStudyImageSets cannot be combined with revertToVersionId",
                c -> {
                    try (MedicalImagingClient studyWide = ImageSets.studyWideUpdates(server)) {
                        studyWide.updateImageSetMetadata(r -> r.datastoreId(ds)
                                .imageSetId(primary)
                                .latestVersionId("1")
                                .updateImageSetMetadataUpdates(u -> u.revertToVersionId("1")));
                    }
                }));
        // CopyImageSet
        cases.add(new Case(
                "copy: stale source version",
                ConflictException.class,
                "is not the latest version",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.nonPrimary())
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("2"))))));
        cases.add(new Case(
                "copy: stale destination version",
                ConflictException.class,
                "is not the latest version",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.nonPrimary())
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("1"))
                                .destinationImageSet(d -> d.imageSetId(primary).latestVersionId("5"))))));
        cases.add(new Case(
                "copy: unknown destination",
                ResourceNotFoundException.class,
                MISSING,
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.nonPrimary())
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("1"))
                                .destinationImageSet(d -> d.imageSetId(MISSING).latestVersionId("1"))))));
        cases.add(new Case(
                "copy: destination is the source",
                ValidationException.class,
                "destinationImageSet must differ from the source image set",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.nonPrimary())
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("1"))
                                .destinationImageSet(
                                        d -> d.imageSetId(fixture.nonPrimary()).latestVersionId("1"))))));
        cases.add(new Case(
                "copy: promoteToPrimary with a destination",
                ValidationException.class,
                "promoteToPrimary applies to a copy without destinationImageSet",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.nonPrimary())
                        .promoteToPrimary(true)
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("1"))
                                .destinationImageSet(d -> d.imageSetId(primary).latestVersionId("1"))))));
        cases.add(new Case(
                "copy: promoting a primary image set",
                ValidationException.class,
                "is already primary",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(primary)
                        .promoteToPrimary(true)
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("1"))))));
        cases.add(new Case(
                "copy: copiableAttributes that are not JSON",
                ValidationException.class,
                "copiableAttributes is not a JSON object",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(primary)
                        .copyImageSetInformation(i -> i.sourceImageSet(
                                s -> s.latestVersionId("1").dicomCopies(d -> d.copiableAttributes("{")))))));
        cases.add(new Case(
                "copy: copiableAttributes naming a missing instance",
                ValidationException.class,
                "no such instance in the source image set",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(primary)
                        .copyImageSetInformation(i -> i.sourceImageSet(s ->
                                s.latestVersionId("1").dicomCopies(d -> d.copiableAttributes(copiable("1.2.3"))))))));
        cases.add(new Case(
                "copy: copiableAttributes over the model's 260,000 characters",
                ValidationException.class,
                "copiableAttributes",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(primary)
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("1")
                                .dicomCopies(d -> d.copiableAttributes(" ".repeat(260_001) + "{}")))))));
        cases.add(new Case(
                "copy: more frames than the quota",
                ServiceQuotaExceededException.class,
                "OPENAHI_COPY_MAX_FRAMES",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(primary)
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("1"))))));
        cases.add(new Case(
                "copy: a deleted image set",
                ConflictException.class,
                "is DELETED",
                c -> c.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(deletedCopy)
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("2"))))));
        // DeleteImageSet
        cases.add(new Case(
                "delete: unknown image set",
                ResourceNotFoundException.class,
                MISSING,
                c -> c.deleteImageSet(r -> r.datastoreId(ds).imageSetId(MISSING))));
        cases.add(new Case(
                "delete: already deleted",
                ConflictException.class,
                "is DELETED",
                c -> c.deleteImageSet(r -> r.datastoreId(ds).imageSetId(deletedCopy))));
        // ListImageSetVersions and version reads
        cases.add(new Case(
                "versions: maxResults 0",
                ValidationException.class,
                "maxResults",
                c -> c.listImageSetVersions(
                        r -> r.datastoreId(ds).imageSetId(primary).maxResults(0))));
        cases.add(new Case(
                "versions: maxResults 51",
                ValidationException.class,
                "maxResults",
                c -> c.listImageSetVersions(
                        r -> r.datastoreId(ds).imageSetId(primary).maxResults(51))));
        cases.add(new Case(
                "versions: a token of another image set",
                ValidationException.class,
                "nextToken",
                c -> c.listImageSetVersions(
                        r -> r.datastoreId(ds).imageSetId(primary).nextToken(versionsToken))));
        cases.add(new Case(
                "versions: a tampered token",
                ValidationException.class,
                "nextToken",
                c -> c.listImageSetVersions(
                        r -> r.datastoreId(ds).imageSetId(deletedCopy).nextToken(versionsToken.substring(1)))));
        cases.add(new Case(
                "versions: unknown image set",
                ResourceNotFoundException.class,
                MISSING,
                c -> c.listImageSetVersions(r -> r.datastoreId(ds).imageSetId(MISSING))));
        cases.add(new Case(
                "metadata: a version that does not exist",
                ResourceNotFoundException.class,
                "has no version 99",
                c -> Imports.metadata(c, ds, primary, "99")));
        // SearchImageSets
        cases.add(new Case(
                "search: an empty filter list",
                ValidationException.class,
                "filters",
                c -> search(c, r -> r.searchCriteria(s -> s.filters(List.of())))));
        cases.add(new Case(
                "search: three filters",
                ValidationException.class,
                "filters",
                c -> search(
                        c,
                        r -> r.searchCriteria(s -> s.filters(
                                filter(Operator.EQUAL, patient("a")),
                                filter(Operator.EQUAL, patient("b")),
                                filter(Operator.EQUAL, patient("c")))))));
        cases.add(new Case(
                "search: EQUAL with two values",
                ValidationException.class,
                "An EQUAL filter takes one value",
                c -> search(
                        c, r -> r.searchCriteria(s -> s.filters(filter(Operator.EQUAL, patient("a"), patient("b")))))));
        cases.add(new Case(
                "search: BETWEEN with one value",
                ValidationException.class,
                "A BETWEEN filter takes two values",
                c -> search(c, r -> r.searchCriteria(s -> s.filters(filter(Operator.BETWEEN, created(now)))))));
        cases.add(new Case(
                "search: BETWEEN on an identifier",
                ValidationException.class,
                "BETWEEN applies to createdAt, updatedAt and DICOMStudyDateAndTime",
                c -> search(
                        c,
                        r -> r.searchCriteria(s -> s.filters(filter(Operator.BETWEEN, patient("a"), patient("b")))))));
        cases.add(new Case(
                "search: EQUAL on createdAt",
                ValidationException.class,
                "createdAt is searched with BETWEEN",
                c -> search(c, r -> r.searchCriteria(s -> s.filters(filter(Operator.EQUAL, created(now)))))));
        cases.add(new Case(
                "search: lowerBound after upperBound",
                ValidationException.class,
                "lowerBound of a BETWEEN filter is after its upperBound",
                c -> search(
                        c,
                        r -> r.searchCriteria(s ->
                                s.filters(filter(Operator.BETWEEN, created(now), created(now.minusSeconds(60))))))));
        cases.add(new Case(
                "search: a study date that is not yyyyMMdd",
                ValidationException.class,
                "DICOMStudyDate '2020-01-01' is not a date yyyyMMdd",
                c -> search(
                        c, r -> r.searchCriteria(s -> s.filters(filter(Operator.EQUAL, studyDate("2020-01-01")))))));
        cases.add(new Case(
                "search: two filters on one attribute",
                ValidationException.class,
                "Two filters name PATIENT_ID",
                c -> search(
                        c,
                        r -> r.searchCriteria(s -> s.filters(
                                filter(Operator.EQUAL, patient("a")), filter(Operator.EQUAL, patient("b")))))));
        cases.add(new Case(
                "search: values of one filter naming different attributes",
                ValidationException.class,
                "must name the same attribute",
                c -> search(
                        c,
                        r -> r.searchCriteria(
                                s -> s.filters(filter(Operator.BETWEEN, created(now), studyDate("20200101")))))));
        cases.add(new Case(
                "search: a Study Instance UID that is not a UID",
                ValidationException.class,
                "DICOMStudyInstanceUID",
                c -> search(
                        c,
                        r -> r.searchCriteria(s -> s.filters(
                                filter(Operator.EQUAL, SearchByAttributeValue.fromDicomStudyInstanceUID("abc")))))));
        cases.add(new Case(
                "search: sort without sortOrder",
                ValidationException.class,
                "sortOrder",
                c -> search(c, r -> r.searchCriteria(s -> s.sort(o -> o.sortField(SortField.CREATED_AT))))));
        cases.add(new Case(
                "search: a token from other criteria",
                ValidationException.class,
                "nextToken",
                c -> search(
                        c,
                        r -> r.maxResults(1)
                                .nextToken(searchToken())
                                .searchCriteria(s -> s.sort(
                                        o -> o.sortField(SortField.CREATED_AT).sortOrder(SortOrder.ASC))))));
        cases.add(new Case(
                "search: maxResults 51",
                ValidationException.class,
                "maxResults",
                c -> search(c, r -> r.maxResults(51))));
        cases.add(new Case(
                "search: unknown data store",
                ResourceNotFoundException.class,
                "Datastore",
                c -> c.searchImageSets(r -> r.datastoreId(MISSING))));
        return cases;
    }

    private String searchToken() {
        return client.searchImageSets(r -> r.datastoreId(fixture.datastoreId()).maxResults(1))
                .nextToken();
    }

    @TestFactory
    Stream<DynamicTest> everyRuleIsItsErrorTypeWithAMessageNamingTheProblem() {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.name(),
                        () -> assertThatThrownBy(() -> c.call().accept(client))
                                .isInstanceOf(c.error())
                                .hasMessageContaining(c.message())));
    }

    @TestFactory
    Stream<DynamicTest> aUnionWithTwoMembersIsRefused() {
        String imageSet = "/datastore/" + fixture.datastoreId() + "/imageSet/" + fixture.primary();
        return Stream.of(
                DynamicTest.dynamicTest("update: DICOMUpdates and revertToVersionId together", () -> {
                    RawHttp.Response response = new RawHttp.Request(server)
                            .method("POST")
                            .path(imageSet + "/updateImageSetMetadata")
                            .query("latestVersion=1")
                            .body("{\"DICOMUpdates\":{\"updatableAttributes\":\"e30=\"},\"revertToVersionId\":\"1\"}")
                            .send(server);
                    assertThat(response.status()).isEqualTo(400);
                    assertThat(response.errorType()).isEqualTo("ValidationException");
                    assertThat(response.message()).contains("Exactly one of");
                }),
                DynamicTest.dynamicTest("search: a value naming two attributes", () -> {
                    RawHttp.Response response = new RawHttp.Request(server)
                            .method("POST")
                            .path("/datastore/" + fixture.datastoreId() + "/searchImageSets")
                            .body(
                                    "{\"filters\":[{\"operator\":\"EQUAL\",\"values\":[{\"DICOMPatientId\":\"a\",\"isPrimary\":true}]}]}")
                            .send(server);
                    assertThat(response.status()).isEqualTo(400);
                    assertThat(response.errorType()).isEqualTo("ValidationException");
                    assertThat(response.message()).contains("Exactly one of");
                }));
    }
}
