package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.CopyImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.DeleteImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetWorkflowStatus;
import software.amazon.awssdk.services.medicalimaging.model.ResourceNotFoundException;
import software.amazon.awssdk.services.medicalimaging.model.UpdateImageSetMetadataResponse;

/**
 * The history AHI documents, scripted through the SDK on one primary image set: import, update, update, revert,
 * copy into (forced), failed copy, delete. Every version keeps its state, workflow status, message, overrides,
 * timestamps and its own metadata; the history pages the same way at any page size.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageSetHistoryIT {
    private static final String SERIES_MISMATCH =
            "INVALID_REQUEST:  Series of SourceImageSet and DestinationImageSet " + "don't match.";

    private TestServer server;
    private MedicalImagingClient client;
    private ImageSets.Fixture fixture;
    private final Map<String, JsonNode> documentsBeforeDeletion = new HashMap<>();

    @BeforeAll
    void scriptTheHistory(@TempDir Path work) throws Exception {
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()));
        client = server.client();
        fixture = ImageSets.importFixture(client, work, "history");
        String ds = fixture.datastoreId();
        String id = fixture.primary();

        UpdateImageSetMetadataResponse first =
                ImageSets.update(client, ds, id, "1", ImageSets.studyAttribute("StudyDescription", "FIRST"));
        assertThat(first.latestVersionId()).isEqualTo("2");
        assertThat(first.imageSetState()).isEqualTo(ImageSetState.LOCKED);
        assertThat(first.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.UPDATING);
        ImageSets.awaitUnlocked(client, ds, id);
        assertThat(ImageSets.updateAndWait(client, ds, id, "2", ImageSets.studyAttribute("StudyDescription", "SECOND")))
                .isEqualTo("3");

        UpdateImageSetMetadataResponse revert = client.updateImageSetMetadata(r -> r.datastoreId(ds)
                .imageSetId(id)
                .latestVersionId("3")
                .updateImageSetMetadataUpdates(u -> u.revertToVersionId("2")));
        assertThat(revert.latestVersionId()).isEqualTo("4");
        ImageSets.awaitUnlocked(client, ds, id);

        CopyImageSetResponse copyInto = client.copyImageSet(r -> r.datastoreId(ds)
                .sourceImageSetId(fixture.nonPrimary())
                .force(true)
                .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId("1"))
                        .destinationImageSet(d -> d.imageSetId(id).latestVersionId("4"))));
        assertThat(copyInto.sourceImageSetProperties().latestVersionId()).isEqualTo("1");
        assertThat(copyInto.sourceImageSetProperties().imageSetWorkflowStatus())
                .isEqualTo(ImageSetWorkflowStatus.COPYING_WITH_READ_ONLY_ACCESS);
        assertThat(copyInto.destinationImageSetProperties().latestVersionId()).isEqualTo("5");
        assertThat(copyInto.destinationImageSetProperties().imageSetWorkflowStatus())
                .isEqualTo(ImageSetWorkflowStatus.COPYING);
        ImageSets.awaitUnlocked(client, ds, id);

        CopyImageSetResponse failedCopy = client.copyImageSet(r -> r.datastoreId(ds)
                .sourceImageSetId(fixture.otherSeries())
                .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId("1"))
                        .destinationImageSet(d -> d.imageSetId(id).latestVersionId("5"))));
        assertThat(failedCopy.destinationImageSetProperties().latestVersionId()).isEqualTo("6");
        ImageSets.awaitUnlocked(client, ds, id);
        ImageSets.awaitUnlocked(client, ds, fixture.otherSeries());

        for (int version = 1; version <= 6; version++) {
            documentsBeforeDeletion.put(
                    Integer.toString(version), Imports.metadata(client, ds, id, Integer.toString(version)));
        }
        DeleteImageSetResponse delete =
                client.deleteImageSet(r -> r.datastoreId(ds).imageSetId(id));
        assertThat(delete.imageSetState()).isEqualTo(ImageSetState.LOCKED);
        assertThat(delete.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.DELETING);
        ImageSets.awaitUnlocked(client, ds, id);
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    private List<ImageSetProperties> history(int maxResults) {
        List<ImageSetProperties> versions = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = client.listImageSetVersions(r -> r.datastoreId(fixture.datastoreId())
                    .imageSetId(fixture.primary())
                    .maxResults(maxResults)
                    .nextToken(next));
            assertThat(page.imageSetPropertiesList().size()).isLessThanOrEqualTo(maxResults);
            versions.addAll(page.imageSetPropertiesList());
            token = page.nextToken();
        } while (token != null);
        return versions;
    }

    @Test
    void everyVersionIsListedNewestFirstWithItsStateStatusMessageAndOverrides() {
        List<ImageSetProperties> versions = history(50);
        assertThat(versions)
                .extracting(ImageSetProperties::versionId)
                .containsExactly("7", "6", "5", "4", "3", "2", "1");
        assertThat(versions)
                .extracting(ImageSetProperties::imageSetState)
                .containsExactly(
                        ImageSetState.DELETED,
                        ImageSetState.ACTIVE,
                        ImageSetState.ACTIVE,
                        ImageSetState.ACTIVE,
                        ImageSetState.ACTIVE,
                        ImageSetState.ACTIVE,
                        ImageSetState.ACTIVE);
        assertThat(versions)
                .extracting(ImageSetProperties::imageSetWorkflowStatus)
                .containsExactly(
                        ImageSetWorkflowStatus.DELETED,
                        ImageSetWorkflowStatus.COPY_FAILED,
                        ImageSetWorkflowStatus.COPIED,
                        ImageSetWorkflowStatus.UPDATED,
                        ImageSetWorkflowStatus.UPDATED,
                        ImageSetWorkflowStatus.UPDATED,
                        ImageSetWorkflowStatus.CREATED);
        assertThat(versions.get(1).message()).isEqualTo(SERIES_MISMATCH);
        assertThat(versions).filteredOn(v -> !v.versionId().equals("6")).allMatch(v -> v.message() == null);
        assertThat(versions.get(2).overrides().forced()).isTrue();
        assertThat(versions).filteredOn(v -> !v.versionId().equals("5")).allMatch(v -> v.overrides() == null);
        assertThat(versions).allMatch(ImageSetProperties::isPrimary);
        assertThat(versions).extracting(ImageSetProperties::imageSetId).containsOnly(fixture.primary());
    }

    @Test
    void createdAtIsTheImageSetsAndUpdatedAtRisesWithEachVersionDeletedAtOnlyOnTheDeletion() {
        List<ImageSetProperties> versions = history(50);
        assertThat(versions)
                .extracting(ImageSetProperties::createdAt)
                .containsOnly(versions.get(6).createdAt());
        for (int i = 0; i < versions.size() - 1; i++) {
            assertThat(versions.get(i).updatedAt())
                    .isAfterOrEqualTo(versions.get(i + 1).updatedAt());
        }
        assertThat(versions.get(6).updatedAt()).isAfterOrEqualTo(versions.get(6).createdAt());
        assertThat(versions.get(0).deletedAt())
                .isNotNull()
                .isEqualTo(versions.get(0).updatedAt());
        assertThat(versions.subList(1, 7)).allMatch(v -> v.deletedAt() == null);
    }

    @Test
    void pagesOfOneTwoAndFiftyAndTheSdkPaginatorListTheSameHistory() {
        List<ImageSetProperties> all = history(50);
        assertThat(history(1)).isEqualTo(all);
        assertThat(history(2)).isEqualTo(all);
        List<ImageSetProperties> paginated = new ArrayList<>();
        client.listImageSetVersionsPaginator(r -> r.datastoreId(fixture.datastoreId())
                        .imageSetId(fixture.primary())
                        .maxResults(3))
                .imageSetPropertiesList()
                .forEach(paginated::add);
        assertThat(paginated).isEqualTo(all);
    }

    @Test
    void eachVersionKeptItsOwnMetadata() {
        Map<String, JsonNode> documents = documentsBeforeDeletion;
        assertThat(documents.get("1").at("/Study/DICOM/StudyDescription").isMissingNode()
                        || !documents
                                .get("1")
                                .at("/Study/DICOM/StudyDescription")
                                .asText()
                                .equals("FIRST"))
                .isTrue();
        assertThat(documents.get("2").at("/Study/DICOM/StudyDescription").asText())
                .isEqualTo("FIRST");
        assertThat(documents.get("3").at("/Study/DICOM/StudyDescription").asText())
                .isEqualTo("SECOND");
        assertThat(documents.get("4")).as("the revert to version 2").isEqualTo(documents.get("2"));
        assertThat(Imports.instances(documents.get("4")).size()).isEqualTo(13);
        assertThat(Imports.instances(documents.get("5")).size())
                .as("the forced copy added the instance")
                .isEqualTo(14);
        assertThat(documents.get("5").at("/Patient/DICOM/PatientID").asText())
                .as("forced, the destination keeps its own Patient attributes")
                .isEqualTo(documents.get("4").at("/Patient/DICOM/PatientID").asText());
        assertThat(documents.get("6")).as("the failed copy changed nothing").isEqualTo(documents.get("5"));
        for (JsonNode document : documents.values()) {
            assertThat(document.path("ImageSetID").asText()).isEqualTo(fixture.primary());
        }
    }

    @Test
    void getImageSetReportsEachVersionAsRecorded() {
        GetImageSetResponse deleted =
                client.getImageSet(r -> r.datastoreId(fixture.datastoreId()).imageSetId(fixture.primary()));
        assertThat(deleted.versionId()).isEqualTo("7");
        assertThat(deleted.imageSetState()).isEqualTo(ImageSetState.DELETED);
        assertThat(deleted.deletedAt()).isNotNull();
        GetImageSetResponse copied = client.getImageSet(r -> r.datastoreId(fixture.datastoreId())
                .imageSetId(fixture.primary())
                .versionId("5"));
        assertThat(copied.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.COPIED);
        assertThat(copied.overrides().forced()).isTrue();
        assertThat(copied.imageSetArn()).endsWith("/imageset/" + fixture.primary());
        assertThatThrownBy(() -> client.getImageSet(r -> r.datastoreId(fixture.datastoreId())
                        .imageSetId(fixture.primary())
                        .versionId("8")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theDeletedImageSetsMetadataAndFramesAreGoneButOtherImageSetsAreUntouched() {
        assertThatThrownBy(() -> Imports.metadata(client, fixture.datastoreId(), fixture.primary(), "5"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> Imports.metadata(client, fixture.datastoreId(), fixture.primary(), null))
                .isInstanceOf(ResourceNotFoundException.class);
        JsonNode source = Imports.metadata(client, fixture.datastoreId(), fixture.nonPrimary(), null);
        String frameId = Imports.instances(source)
                .elements()
                .next()
                .at("/ImageFrames/0/ID")
                .asText();
        assertThat(Imports.frame(client, fixture.datastoreId(), fixture.nonPrimary(), frameId))
                .as("the copy source's frame, which the deleted destination shared")
                .isNotEmpty();
        assertThatThrownBy(() -> Imports.frame(client, fixture.datastoreId(), fixture.primary(), frameId))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theCopySourceAndTheFailedCopysSourceAreBackToTheirLatestVersion() {
        for (String source : List.of(fixture.nonPrimary(), fixture.otherSeries())) {
            GetImageSetResponse imageSet =
                    client.getImageSet(r -> r.datastoreId(fixture.datastoreId()).imageSetId(source));
            assertThat(imageSet.versionId()).isEqualTo("1");
            assertThat(imageSet.imageSetState()).isEqualTo(ImageSetState.ACTIVE);
            assertThat(imageSet.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.CREATED);
        }
    }
}
