package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.TempFolders;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ConflictException;
import software.amazon.awssdk.services.medicalimaging.model.CopyImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetWorkflowStatus;
import software.amazon.awssdk.services.medicalimaging.model.UpdateImageSetMetadataResponse;

/**
 * UpdateImageSetMetadata, CopyImageSet and DeleteImageSet through the SDK on one metadata database: the optimistic
 * lock under 32 concurrent writers, the history paged while writers are active, study-wide updates, instance
 * removal, copies (full, subset, promoted to primary) and deletion.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.openahi.conformance.Storage#all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageSetWritesIT {
    @Parameter
    Storage storage;

    private static final int WRITERS = 32;

    /** This invocation's own folder (a @TempDir cannot be given to a per-invocation set-up). */
    private Path work;

    private TestServer server;
    private MedicalImagingClient client;
    private int fixtures;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        work = Files.createTempDirectory("openahi-writes-");
        server = TestServer.start(storage, Map.of("OPENAHI_FILE_ROOTS", work.toString()));
        client = server.client();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        client.close();
        server.close();
        TempFolders.delete(work);
    }

    private ImageSets.Fixture fixture() {
        return ImageSets.importFixture(client, work, "writes-" + ++fixtures);
    }

    @Test
    void ofThirtyTwoConcurrentUpdatesOfTheSameVersionExactlyOneIsAcceptedAndTheHistoryStaysLinear() throws Exception {
        ImageSets.Fixture fixture = fixture();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch ready = new CountDownLatch(WRITERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String description = "WRITER-" + i;
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return ImageSets.update(
                                client,
                                fixture.datastoreId(),
                                fixture.primary(),
                                "1",
                                ImageSets.studyAttribute("StudyDescription", description));
                    } catch (ConflictException e) {
                        return e;
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<UpdateImageSetMetadataResponse> accepted = new ArrayList<>();
            int conflicts = 0;
            for (Future<Object> outcome : outcomes) {
                Object result = outcome.get();
                if (result instanceof UpdateImageSetMetadataResponse response) {
                    accepted.add(response);
                } else {
                    conflicts++;
                }
            }
            assertThat(accepted).hasSize(1);
            assertThat(conflicts).isEqualTo(WRITERS - 1);
            assertThat(accepted.get(0).latestVersionId()).isEqualTo("2");
        } finally {
            pool.shutdownNow();
        }
        ImageSets.awaitUnlocked(client, fixture.datastoreId(), fixture.primary());
        List<ImageSetProperties> versions = client.listImageSetVersions(
                        r -> r.datastoreId(fixture.datastoreId()).imageSetId(fixture.primary()))
                .imageSetPropertiesList();
        assertThat(versions).extracting(ImageSetProperties::versionId).containsExactly("2", "1");
        assertThat(versions.get(0).imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.UPDATED);
    }

    @Test
    void pagingThroughTheHistoryWhileAWriterAppendsVersionsNeitherRepeatsNorSkips() throws Exception {
        ImageSets.Fixture fixture = fixture();
        String ds = fixture.datastoreId();
        String id = fixture.primary();
        String latest = "1";
        for (int i = 0; i < 12; i++) {
            latest = ImageSets.updateAndWait(
                    client, ds, id, latest, ImageSets.studyAttribute("StudyDescription", "V" + i));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        String start = latest;
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> written = writer.submit(() -> {
            String version = start;
            int count = 0;
            while (writing.get()) {
                version = ImageSets.updateAndWait(
                        client, ds, id, version, ImageSets.studyAttribute("StudyDescription", "W" + count));
                count++;
            }
            return count;
        });
        try {
            for (int maxResults : List.of(1, 2, 50)) {
                List<String> seen = new ArrayList<>();
                String token = null;
                do {
                    String next = token;
                    var page = client.listImageSetVersions(r -> r.datastoreId(ds)
                            .imageSetId(id)
                            .maxResults(maxResults)
                            .nextToken(next));
                    page.imageSetPropertiesList().forEach(v -> seen.add(v.versionId()));
                    token = page.nextToken();
                } while (token != null);
                int top = Integer.parseInt(seen.get(0));
                assertThat(top).isGreaterThanOrEqualTo(13);
                List<String> expected = new ArrayList<>();
                for (int v = top; v >= 1; v--) {
                    expected.add(Integer.toString(v));
                }
                assertThat(seen).as("maxResults " + maxResults).isEqualTo(expected);
            }
            List<String> paginated = new ArrayList<>();
            client.listImageSetVersionsPaginator(
                            r -> r.datastoreId(ds).imageSetId(id).maxResults(4))
                    .imageSetPropertiesList()
                    .forEach(v -> paginated.add(v.versionId()));
            assertThat(new HashSet<>(paginated)).hasSameSizeAs(paginated);
            assertThat(Integer.parseInt(paginated.get(paginated.size() - 1))).isEqualTo(1);
            assertThat(paginated.size()).isEqualTo(Integer.parseInt(paginated.get(0)));
        } finally {
            writing.set(false);
            assertThat(written.get()).as("versions the writer added meanwhile").isPositive();
            writer.shutdown();
        }
    }

    @Test
    void includeStudyImageSetsUpdatesEveryPrimaryImageSetOfTheStudyTogether() {
        ImageSets.Fixture fixture = fixture();
        String ds = fixture.datastoreId();
        UpdateImageSetMetadataResponse response;
        try (MedicalImagingClient studyWide = ImageSets.studyWideUpdates(server)) {
            response = ImageSets.update(
                    studyWide, ds, fixture.primary(), "1", ImageSets.studyAttribute("StudyDescription", "WHOLE STUDY"));
        }
        assertThat(response.latestVersionId()).isEqualTo("2");
        GetImageSetResponse other = client.getImageSet(r -> r.datastoreId(ds).imageSetId(fixture.otherSeries()));
        assertThat(other.versionId()).isEqualTo("2");
        assertThat(other.imageSetWorkflowStatusAsString()).isIn("UPDATING_FOR_STUDY_CONSISTENCY", "UPDATED");
        ImageSets.awaitUnlocked(client, ds, fixture.primary());
        for (String id : List.of(fixture.primary(), fixture.otherSeries())) {
            GetImageSetResponse updated = ImageSets.awaitUnlocked(client, ds, id);
            assertThat(updated.versionId()).isEqualTo("2");
            assertThat(updated.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.UPDATED);
            assertThat(Imports.metadata(client, ds, id, null)
                            .at("/Study/DICOM/StudyDescription")
                            .asText())
                    .isEqualTo("WHOLE STUDY");
        }
        GetImageSetResponse nonPrimary =
                client.getImageSet(r -> r.datastoreId(ds).imageSetId(fixture.nonPrimary()));
        assertThat(nonPrimary.versionId())
                .as("non-primary image sets are not part of it")
                .isEqualTo("1");
    }

    @Test
    void removingAnInstanceMakesAVersionWithoutItWhileTheOldVersionKeepsIt() {
        ImageSets.Fixture fixture = fixture();
        String ds = fixture.datastoreId();
        JsonNode before = Imports.metadata(client, ds, fixture.primary(), null);
        String series = before.at("/Study/Series").fieldNames().next();
        String sop = Imports.instances(before).fieldNames().next();
        client.updateImageSetMetadata(r -> r.datastoreId(ds)
                .imageSetId(fixture.primary())
                .latestVersionId("1")
                .updateImageSetMetadataUpdates(u -> u.dicomUpdates(
                        d -> d.removableAttributes(ImageSets.json("{\"SchemaVersion\":\"1.1\",\"Study\":{\"Series\":{\""
                                + series + "\":{\"Instances\":{\"" + sop + "\":{}}}}}}")))));
        ImageSets.awaitUnlocked(client, ds, fixture.primary());
        assertThat(Imports.instances(Imports.metadata(client, ds, fixture.primary(), null))
                        .has(sop))
                .isFalse();
        assertThat(Imports.instances(Imports.metadata(client, ds, fixture.primary(), "1"))
                        .has(sop))
                .isTrue();
        assertThat(Imports.instances(Imports.metadata(client, ds, fixture.primary(), null))
                        .size())
                .isEqualTo(12);
    }

    @Test
    void aFullCopyIsANewNonPrimaryImageSetWhoseFramesAreTheSourcesFrames() {
        ImageSets.Fixture fixture = fixture();
        String ds = fixture.datastoreId();
        CopyImageSetResponse copy = client.copyImageSet(r -> r.datastoreId(ds)
                .sourceImageSetId(fixture.primary())
                .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId("1"))));
        String copyId = copy.destinationImageSetProperties().imageSetId();
        assertThat(copyId).isNotEqualTo(fixture.primary());
        assertThat(copy.destinationImageSetProperties().latestVersionId()).isEqualTo("1");
        assertThat(copy.destinationImageSetProperties().imageSetArn()).endsWith("/imageset/" + copyId);
        assertThat(copy.sourceImageSetProperties().imageSetState()).isEqualTo(ImageSetState.LOCKED);
        JsonNode sourceDuringCopy = Imports.metadata(client, ds, fixture.primary(), null);
        GetImageSetResponse copied = ImageSets.awaitUnlocked(client, ds, copyId);
        assertThat(copied.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.COPIED);
        assertThat(copied.isPrimary()).isFalse();
        JsonNode document = Imports.metadata(client, ds, copyId, null);
        assertThat(document.path("ImageSetID").asText()).isEqualTo(copyId);
        assertThat(Imports.instances(document)).isEqualTo(Imports.instances(sourceDuringCopy));
        Iterator<JsonNode> instances = Imports.instances(document).elements();
        String frameId = instances.next().at("/ImageFrames/0/ID").asText();
        assertThat(Imports.frame(client, ds, copyId, frameId))
                .isEqualTo(Imports.frame(client, ds, fixture.primary(), frameId));
        assertThat(ImageSets.awaitUnlocked(client, ds, fixture.primary()).imageSetWorkflowStatus())
                .isEqualTo(ImageSetWorkflowStatus.CREATED);
    }

    @Test
    void aSubsetCopyTakesOnlyTheNamedInstances() {
        ImageSets.Fixture fixture = fixture();
        String ds = fixture.datastoreId();
        JsonNode source = Imports.metadata(client, ds, fixture.primary(), null);
        String series = source.at("/Study/Series").fieldNames().next();
        List<String> sops = new ArrayList<>();
        Imports.instances(source).fieldNames().forEachRemaining(sops::add);
        String copiable = "{\"SchemaVersion\":\"1.1\",\"Study\":{\"Series\":{\"" + series + "\":{\"Instances\":{\""
                + sops.get(0) + "\":{},\"" + sops.get(1) + "\":{}}}}}}";
        String copyId = client.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.primary())
                        .copyImageSetInformation(c -> c.sourceImageSet(
                                s -> s.latestVersionId("1").dicomCopies(d -> d.copiableAttributes(copiable)))))
                .destinationImageSetProperties()
                .imageSetId();
        ImageSets.awaitUnlocked(client, ds, copyId);
        List<String> copied = new ArrayList<>();
        Imports.instances(Imports.metadata(client, ds, copyId, null))
                .fieldNames()
                .forEachRemaining(copied::add);
        assertThat(copied).containsExactlyInAnyOrder(sops.get(0), sops.get(1));
    }

    @Test
    void promotingAFixedNonPrimaryImageSetMergesItIntoThePrimaryImageSetOfItsSeries() {
        ImageSets.Fixture fixture = fixture();
        String ds = fixture.datastoreId();
        String primaryPatient = Imports.metadata(client, ds, fixture.primary(), null)
                .at("/Patient/DICOM/PatientID")
                .asText();
        ImageSets.updateAndWait(
                client,
                ds,
                fixture.nonPrimary(),
                "1",
                "{\"SchemaVersion\":1.1,\"Patient\":{\"DICOM\":{\"PatientID\":\"" + primaryPatient + "\"}}}");
        CopyImageSetResponse promoted = client.copyImageSet(r -> r.datastoreId(ds)
                .sourceImageSetId(fixture.nonPrimary())
                .promoteToPrimary(true)
                .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId("2"))));
        assertThat(promoted.destinationImageSetProperties().imageSetId()).isEqualTo(fixture.primary());
        assertThat(promoted.destinationImageSetProperties().latestVersionId()).isEqualTo("2");
        GetImageSetResponse primary = ImageSets.awaitUnlocked(client, ds, fixture.primary());
        assertThat(primary.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.COPIED);
        assertThat(primary.isPrimary()).isTrue();
        assertThat(Imports.instances(Imports.metadata(client, ds, fixture.primary(), null))
                        .size())
                .isEqualTo(14);
    }

    @Test
    void aDeletedImageSetRefusesWritesAndItsDataStoreCanBeDeletedOnceAllAreDeleted() {
        ImageSets.Fixture fixture = fixture();
        String ds = fixture.datastoreId();
        List<String> all = List.of(fixture.primary(), fixture.nonPrimary(), fixture.otherSeries());
        client.deleteImageSet(r -> r.datastoreId(ds).imageSetId(fixture.primary()));
        ImageSets.awaitUnlocked(client, ds, fixture.primary());
        assertThatThrownBy(() -> client.deleteImageSet(r -> r.datastoreId(ds).imageSetId(fixture.primary())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("DELETED");
        assertThatThrownBy(() -> ImageSets.update(
                        client, ds, fixture.primary(), "2", ImageSets.studyAttribute("StudyDescription", "X")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> client.deleteDatastore(r -> r.datastoreId(ds))).isInstanceOf(ConflictException.class);
        for (String id : all.subList(1, 3)) {
            client.deleteImageSet(r -> r.datastoreId(ds).imageSetId(id));
        }
        Set<ImageSetState> states = new HashSet<>();
        for (String id : all) {
            states.add(ImageSets.awaitUnlocked(client, ds, id).imageSetState());
        }
        assertThat(states).containsExactly(ImageSetState.DELETED);
        assertThat(client.searchImageSets(r -> r.datastoreId(ds)).imageSetsMetadataSummaries())
                .isEmpty();
        client.deleteDatastore(r -> r.datastoreId(ds));
    }

    @Test
    void everyWriteOfALockedOrStaleImageSetIsAConflict() {
        ImageSets.Fixture fixture = fixture();
        String ds = fixture.datastoreId();
        ImageSets.updateAndWait(client, ds, fixture.primary(), "1", ImageSets.studyAttribute("StudyDescription", "A"));
        List<Runnable> staleWrites = List.of(
                () -> ImageSets.update(
                        client, ds, fixture.primary(), "1", ImageSets.studyAttribute("StudyDescription", "B")),
                () -> client.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.primary())
                        .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId("1")))),
                () -> client.copyImageSet(r -> r.datastoreId(ds)
                        .sourceImageSetId(fixture.nonPrimary())
                        .force(true)
                        .copyImageSetInformation(c -> c.sourceImageSet(s -> s.latestVersionId("1"))
                                .destinationImageSet(
                                        d -> d.imageSetId(fixture.primary()).latestVersionId("1")))));
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        for (Runnable write : staleWrites) {
            assertThatThrownBy(write::run)
                    .isInstanceOf(ConflictException.class)
                    .satisfies(e -> messages.add(e.getMessage()));
        }
        assertThat(messages).allMatch(m -> m.contains("is not the latest version"));
    }
}
