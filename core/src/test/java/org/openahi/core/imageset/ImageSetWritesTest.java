package org.openahi.core.imageset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openahi.core.error.Conflict;
import org.openahi.core.events.OutboxEvent;
import org.openahi.core.memory.MemoryCore;
import org.openahi.core.metadata.DocumentFields;

/**
 * UpdateImageSetMetadata and CopyImageSet on the in-memory ports: what the request records at once, what the
 * background work then makes of it, and the conflicts of writes based on anything but the latest version.
 */
class ImageSetWritesTest {
    private static final String SERIES_A = "1.3.12.2.1107.5.2.32.35131.2014031012481958900586557.0.0.0";
    private static final String SERIES_B = "1.3.12.2.1107.5.2.32.35131.2014031012523712371987217.0.0.0";

    private final MemoryCore core = new MemoryCore();
    private String ds;
    private ImageSet a;
    private ImageSet b;

    @BeforeEach
    void importTwoSeriesOfOneStudy() throws IOException {
        ds = core.createDatastore();
        core.importFiles(ds, MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35", "dcm_qa/Orientation/ax/axasc36"));
        a = primaryOf(SERIES_A);
        b = primaryOf(SERIES_B);
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void anEditRecordsALockedVersionThatItsWorkMakesTheUpdatedDocument() throws IOException {
        String before = studyDescription(a, Optional.empty());

        ImageSet updating = core.writes.update(ds, a.id(), "1", edit("StudyDescription", "EDITED"), false, false);

        assertThat(updating.latestVersion()).isEqualTo(2);
        assertThat(updating.state()).isEqualTo(ImageSetState.LOCKED);
        assertThat(updating.workflowStatus()).isEqualTo(WorkflowStatus.UPDATING);
        assertThat(pendingWork(new PendingWork.Key(a.id(), 2)))
                .hasValueSatisfying(work -> assertThat(work.kind()).isEqualTo(PendingWork.Kind.UPDATE));
        assertThatThrownBy(() -> core.metadata(ds, a.id(), Optional.empty()))
                .as("a LOCKED version has no document yet")
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> core.writes.update(ds, a.id(), "2", edit("StudyDescription", "X"), false, false))
                .as("a LOCKED image set takes no other write")
                .isInstanceOf(Conflict.class);

        assertThat(core.imageSetWorkers.runClaimableNow()).isEqualTo(1);

        ImageSet updated = find(a.id());
        assertThat(updated.latestVersion()).isEqualTo(2);
        assertThat(updated.state()).isEqualTo(ImageSetState.ACTIVE);
        assertThat(updated.workflowStatus()).isEqualTo(WorkflowStatus.UPDATED);
        assertThat(studyDescription(a, Optional.empty())).isEqualTo("EDITED");
        assertThat(studyDescription(a, Optional.of("1"))).isEqualTo(before).isNotEqualTo("EDITED");
        assertThat(pendingWorkIds()).isEmpty();
        assertThat(find(b.id()).latestVersion())
                .as("the other series' image set")
                .isEqualTo(1);
        assertThat(eventsOf(a.id()))
                .as("recorded in the transactions that made the changes")
                .containsExactly("Image Set Created", "Image Set Updating", "Image Set Updated");
    }

    @Test
    void aWriteBasedOnAStaleVersionIsAConflictAndChangesNothing() {
        core.writes.update(ds, a.id(), "1", edit("StudyDescription", "FIRST"), false, false);
        core.imageSetWorkers.runClaimableNow();

        assertThatThrownBy(() -> core.writes.update(ds, a.id(), "1", edit("StudyDescription", "STALE"), false, false))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("is not the latest version");
        assertThatThrownBy(() -> core.writes.copy(
                        ds,
                        new ImageSetWrites.CopyRequest(a.id(), "1", Optional.empty(), Optional.empty(), false, false)))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("is not the latest version");

        assertThat(find(a.id()).latestVersion()).isEqualTo(2);
        assertThat(versions(a.id())).extracting(ImageSetVersion::version).containsExactly(2, 1);
        assertThat(pendingWorkIds()).isEmpty();
    }

    @Test
    void aStudyWideEditUpdatesEveryPrimaryImageSetOfTheStudyTogether() throws IOException {
        core.writes.update(ds, a.id(), "1", edit("StudyDescription", "WHOLE STUDY"), false, true);

        ImageSet other = find(b.id());
        assertThat(other.latestVersion()).isEqualTo(2);
        assertThat(other.workflowStatus()).isEqualTo(WorkflowStatus.UPDATING_FOR_STUDY_CONSISTENCY);

        core.imageSetWorkers.runClaimableNow();

        for (ImageSet set : List.of(a, b)) {
            assertThat(find(set.id()).workflowStatus()).isEqualTo(WorkflowStatus.UPDATED);
            assertThat(studyDescription(set, Optional.empty())).isEqualTo("WHOLE STUDY");
        }
    }

    @Test
    void aFullCopyIsANewNonPrimaryImageSetWithTheSourcesInstancesAndFrames() throws IOException {
        ImageSetWrites.Copying copying = core.writes.copy(
                ds, new ImageSetWrites.CopyRequest(a.id(), "1", Optional.empty(), Optional.empty(), false, false));

        assertThat(copying.source().state()).isEqualTo(ImageSetState.LOCKED);
        assertThat(copying.source().workflowStatus()).isEqualTo(WorkflowStatus.COPYING_WITH_READ_ONLY_ACCESS);
        assertThat(copying.destination().state()).isEqualTo(ImageSetState.LOCKED);
        assertThat(copying.destination().workflowStatus()).isEqualTo(WorkflowStatus.COPYING);
        assertThat(copying.destination().primary()).isFalse();

        assertThat(core.imageSetWorkers.runClaimableNow()).isEqualTo(1);

        String copyId = copying.destination().id();
        ImageSet copy = find(copyId);
        assertThat(copy.state()).isEqualTo(ImageSetState.ACTIVE);
        assertThat(copy.workflowStatus()).isEqualTo(WorkflowStatus.COPIED);
        ImageSet source = find(a.id());
        assertThat(source.state()).isEqualTo(ImageSetState.ACTIVE);
        assertThat(source.latestVersion()).isEqualTo(1);

        JsonNode document = core.metadata(ds, copyId, Optional.empty());
        assertThat(document.path("ImageSetID").asText()).isEqualTo(copyId);
        assertThat(instances(document)).isEqualTo(instances(core.metadata(ds, a.id(), Optional.empty())));
        Map<String, byte[]> copiedFrames = frames(copyId);
        assertThat(copiedFrames).hasSize(2);
        Map<String, byte[]> sourceFrames = frames(a.id());
        assertThat(copiedFrames.keySet()).isEqualTo(sourceFrames.keySet());
        copiedFrames.forEach((frameId, bytes) -> assertThat(bytes).isEqualTo(sourceFrames.get(frameId)));
    }

    @Test
    void aDeleteEndsTheImageSetDeletedAndForgetsItsContentAndBlobs() throws IOException {
        List<String> blobs = core.store.read(tx -> tx.imageSets().contentBlobs(a.id()));
        assertThat(blobs).isNotEmpty();

        ImageSet deleting = core.writes.delete(ds, a.id());

        assertThat(deleting.state()).isEqualTo(ImageSetState.LOCKED);
        assertThat(deleting.workflowStatus()).isEqualTo(WorkflowStatus.DELETING);
        assertThat(core.imageSetWorkers.runClaimableNow()).isEqualTo(1);

        ImageSet deleted = find(a.id());
        assertThat(deleted.state()).isEqualTo(ImageSetState.DELETED);
        assertThat(deleted.workflowStatus()).isEqualTo(WorkflowStatus.DELETED);
        assertThat(core.store.<List<StoredFrame>>read(tx -> tx.imageSets().frames(a.id())))
                .isEmpty();
        assertThat(core.store.<Optional<ImageSet>>read(tx -> tx.imageSets().findPrimary(ds, SERIES_A)))
                .as("the series has no primary image set any more")
                .isEmpty();
        for (String blob : blobs) {
            assertThat(core.store.<Boolean>read(tx -> tx.imageSets().referencesBlob(blob)))
                    .isFalse();
        }
        assertThatThrownBy(() -> core.writes.update(ds, a.id(), "1", edit("StudyDescription", "X"), false, false))
                .isInstanceOf(Conflict.class);
        assertThat(eventsOf(a.id())).endsWith("Image Set Deleting", "Image Set Deleted");
        assertThat(find(b.id()).state()).isEqualTo(ImageSetState.ACTIVE);
    }

    /** The detail types of the events recorded about the image set, in position order. */
    private List<String> eventsOf(String imageSetId) {
        return core.store.read(tx -> tx.events().after(0, 1000)).stream()
                .filter(event -> event.resourceArn().endsWith("/imageset/" + imageSetId))
                .map(OutboxEvent::detailType)
                .toList();
    }

    private Map<String, byte[]> frames(String imageSetId) throws IOException {
        Map<String, byte[]> frames = new HashMap<>();
        for (StoredFrame frame : core.store.read(tx -> tx.imageSets().frames(imageSetId))) {
            try (InputStream in =
                    core.reads.frame(ds, imageSetId, frame.frameId()).content()) {
                frames.put(frame.frameId(), in.readAllBytes());
            }
        }
        return frames;
    }

    private static JsonNode instances(JsonNode document) {
        return document.path(DocumentFields.STUDY)
                .path(DocumentFields.SERIES)
                .path(SERIES_A)
                .path(DocumentFields.INSTANCES);
    }

    private String studyDescription(ImageSet set, Optional<String> version) throws IOException {
        return core.metadata(ds, set.id(), version)
                .path(DocumentFields.STUDY)
                .path("DICOM")
                .path("StudyDescription")
                .asText();
    }

    private static ImageSetWrites.Edit edit(String studyKeyword, String value) {
        String json = "{\"SchemaVersion\":\"1.1\",\"Study\":{\"DICOM\":{\"" + studyKeyword + "\":\"" + value + "\"}}}";
        return new ImageSetWrites.Edit(json.getBytes(StandardCharsets.UTF_8), null);
    }

    private Optional<PendingWork> pendingWork(PendingWork.Key key) {
        return core.store.read(tx -> tx.imageSets().findWork(key));
    }

    private Set<String> pendingWorkIds() {
        return core.store.read(tx -> tx.imageSets().pendingWorkIds());
    }

    private List<ImageSetVersion> versions(String imageSetId) {
        return core.store.read(tx -> tx.imageSets().listVersions(imageSetId, OptionalInt.empty(), 10));
    }

    private ImageSet find(String imageSetId) {
        return core.store.read(tx -> tx.imageSets().findById(imageSetId)).orElseThrow();
    }

    private ImageSet primaryOf(String seriesUid) {
        return core.store.read(tx -> tx.imageSets().findPrimary(ds, seriesUid)).orElseThrow();
    }
}
