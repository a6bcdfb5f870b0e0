package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.openahi.core.account.Account;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.NewDatastore;
import org.openahi.core.error.Conflict;
import org.openahi.core.events.DeliveryCursor;
import org.openahi.core.events.OutboxEvent;
import org.openahi.core.events.RecordingStore;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.ImportProgress;
import org.openahi.core.page.PageTokens;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;

/**
 * The behaviour every {@link org.openahi.core.events.EventOutbox} must show, and the events
 * {@link RecordingStore} records on it for the changes it sees. Each adapter's test extends this class.
 */
public abstract class EventOutboxContract extends MetadataStoreFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Account ACCOUNT = new Account("eu-west-1", "123456789012");
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.250Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    /** Closes {@code current} and opens the same database again, as a restarted server would. */
    protected abstract MetadataStore reopen(MetadataStore current) throws Exception;

    @Test
    void positionsCountFromOneInCommitOrderAndSurvivePruningAndRestarts() throws Exception {
        assertThat(last()).isZero();
        assertThat(List.of(append("a"), append("b"), append("c"))).containsExactly(1L, 2L, 3L);
        assertThat(after(1, 10)).extracting(OutboxEvent::position).containsExactly(2L, 3L);
        assertThat(after(0, 2)).extracting(OutboxEvent::detailType).containsExactly("a", "b");
        OutboxEvent first = after(0, 1).get(0);
        assertThat(first).isEqualTo(new OutboxEvent(1, "a", "arn:a", "{\"a\":1}", T0));

        assertThat(pruned(T0.plusSeconds(1))).isEqualTo(3);
        assertThat(after(0, 10)).isEmpty();
        store = reopen(store);
        assertThat(last()).isEqualTo(3);
        assertThat(append("d")).isEqualTo(4);
    }

    @Test
    void aRolledBackTransactionLeavesNoEventAndUsesNoPosition() {
        append("kept");
        assertThatThrownBy(() -> store.write(tx -> {
                    tx.events().append("lost", "arn:lost", "{}", T0);
                    throw new Conflict("rolled back");
                }))
                .isInstanceOf(Conflict.class);
        assertThat(append("next")).isEqualTo(2);
        assertThat(after(0, 10)).extracting(OutboxEvent::detailType).containsExactly("kept", "next");
    }

    @Test
    void concurrentAppendsGetEveryPositionOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "e" + i;
                appends.add(() -> append(name));
            }
            List<Long> positions = new ArrayList<>();
            for (Future<Long> future : pool.invokeAll(appends)) {
                positions.add(future.get());
            }
            assertThat(positions)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(1, 40).boxed().toList());
            assertThat(after(0, 100))
                    .extracting(OutboxEvent::position)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 40).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pruningKeepsWhatACursorHasNotPassedAndWhatIsRecent() {
        append("a");
        append("b");
        store.write(tx -> {
            tx.events().append("recent", "arn:r", "{}", T0.plusSeconds(100));
            tx.events().addCursor("slow", 1, T0);
            tx.events().addCursor("fast", 3, T0);
            return null;
        });
        assertThat(pruned(T0.plusSeconds(10))).isEqualTo(1);
        assertThat(after(0, 10)).extracting(OutboxEvent::detailType).containsExactly("b", "recent");
    }

    @Test
    void cursorsAreDueWhenBehindAndDueAndMoveOnlyFromWhereTheyWere() {
        Instant now = T0;
        store.write(tx -> {
            tx.events().addCursor("w1", 0, now);
            tx.events().addCursor("w1", 5, now); // already there: unchanged
            tx.events().addCursor("w2", 0, now.plusSeconds(60));
            tx.events().addCursor("gone", 0, now);
            return null;
        });
        assertThat(claimable(now, List.of("w1", "w2"))).isEmpty(); // no event
        append("a");
        append("b");
        assertThat(claimable(now, List.of("w1", "w2"))).containsExactly("w1");
        assertThat(claimable(now.plusSeconds(60), List.of("w1", "w2"))).containsExactly("w1", "w2");

        assertThat(written(tx -> tx.events().advance("w1", 0, 1))).isTrue();
        assertThat(written(tx -> tx.events().advance("w1", 0, 2))).isFalse();
        store.write(tx -> {
            tx.events().failed("w1", 3, now.plusSeconds(8), "HTTP 503");
            return null;
        });
        assertThat(cursor("w1")).contains(new DeliveryCursor("w1", 1, 3, now.plusSeconds(8), Optional.of("HTTP 503")));
        assertThat(claimable(now, List.of("w1"))).isEmpty(); // not due
        store.write(tx -> {
            tx.events().dueAll(now);
            return null;
        });
        assertThat(claimable(now, List.of("w1", "w2"))).containsExactly("w1", "w2");
        store.write(tx -> {
            tx.events().moveCursor("w1", 0, now);
            tx.events().retainCursors(List.of("w1", "w2"));
            return null;
        });
        assertThat(cursor("w1")).contains(new DeliveryCursor("w1", 0, 0, now, Optional.empty()));
        assertThat(cursor("gone")).isEmpty();
    }

    @Test
    void dataStoreCreationAndDeletionRecordAhisFourEvents() {
        MetadataStore recording = recording();
        DatastoreService datastores = new DatastoreService(recording, ACCOUNT, CLOCK, new PageTokens(new byte[32]), 10);
        String id = datastores
                .create(new NewDatastore(
                        "token-1",
                        Optional.of("events"),
                        java.util.Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .datastore()
                .id();
        datastores.create(new NewDatastore(
                "token-1",
                Optional.of("events"),
                java.util.Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())); // a retried request changes nothing
        datastores.delete(id);
        assertThatThrownBy(() -> datastores.delete(id)).isInstanceOf(Conflict.class);

        List<JsonNode> events = events();
        assertThat(events)
                .extracting(event -> event.path("detail-type").asText())
                .containsExactly(
                        "Data Store Creating", "Data Store Created", "Data Store Deleting", "Data Store Deleted");
        JsonNode created = events.get(1);
        assertThat(created.path("version").asText()).isEqualTo("0");
        assertThat(created.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(created.path("source").asText()).isEqualTo("aws.medical-imaging");
        assertThat(created.path("account").asText()).isEqualTo("123456789012");
        assertThat(created.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(created.path("time").asText()).isEqualTo("2026-12-06T10:00:00Z");
        assertThat(created.path("resources").get(0).asText()).isEqualTo(ACCOUNT.datastoreArn(id));
        assertThat(created.path("detail"))
                .isEqualTo(JSON.createObjectNode()
                        .put("imagingVersion", "1.0")
                        .put("datastoreId", id)
                        .put("datastoreName", "events")
                        .put("datastoreStatus", "ACTIVE"));
        assertThat(events.get(3).at("/detail/datastoreStatus").asText()).isEqualTo("DELETED");
        assertThat(events).extracting(event -> event.path("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void importJobEventsFollowItsStatus() {
        MetadataStore recording = recording();
        String datastoreId = datastore();
        ImportJob job = new ImportJob(
                Ids.newId(),
                datastoreId,
                "nightly",
                ImportJobStatus.SUBMITTED,
                "arn:aws:iam::123456789012:role/r",
                "s3://in/",
                "s3://out/" + datastoreId + "-DicomImport-x/",
                Optional.empty(),
                T0,
                Optional.empty(),
                Optional.empty(),
                0,
                false,
                ImportProgress.NONE,
                List.of());
        recording.write(tx -> {
            tx.importJobs().insert(job);
            return null;
        });
        boolean started = recording.write(tx -> tx.importJobs().start(job.id()));
        assertThat(started).isTrue();
        // Taken over after a crash: still IN_PROGRESS, no second event.
        assertThat(recording.<Boolean>write(tx -> tx.importJobs().start(job.id())))
                .isTrue();
        recording.write(tx -> {
            tx.importJobs().finish(job.id(), ImportJobStatus.COMPLETED, T0.plusSeconds(90), Optional.empty());
            return null;
        });
        assertThat(recording.<Boolean>write(tx -> tx.importJobs().start(job.id())))
                .isFalse(); // it ended
        assertThat(recording
                        .read(tx -> tx.importJobs().find(job.id()))
                        .orElseThrow()
                        .attempts())
                .isEqualTo(2);
        List<JsonNode> events = events();
        assertThat(events)
                .extracting(event -> event.path("detail-type").asText())
                .containsExactly("Import Job Submitted", "Import Job In Progress", "Import Job Completed");
        assertThat(events.get(2).path("detail"))
                .isEqualTo(JSON.createObjectNode()
                        .put("imagingVersion", "1.0")
                        .put("datastoreId", datastoreId)
                        .put("jobId", job.id())
                        .put("jobName", "nightly")
                        .put("jobStatus", "COMPLETED")
                        .put("inputS3Uri", "s3://in/")
                        .put("outputS3Uri", job.outputUri()));
        assertThat(events.get(0).path("resources").get(0).asText()).isEqualTo(ACCOUNT.datastoreArn(datastoreId));
    }

    @Test
    void imageSetEventsNameTheWorkflowStatusEnteredAfterItsBeginning() {
        MetadataStore recording = recording();
        String datastoreId = datastore();
        ImageSet created = imageSet(datastoreId, 1, ImageSetState.ACTIVE, WorkflowStatus.CREATED, true);
        ImageSet copy = imageSet(datastoreId, 1, ImageSetState.LOCKED, WorkflowStatus.COPYING, false);
        String copyPlan = "{\"sourceImageSetId\":\"" + created.id() + "\",\"sourceVersion\":2,\"selection\":null,"
                + "\"newDestination\":true,\"baseVersion\":0,\"force\":false}";
        recording.write(tx -> {
            tx.imageSets().insert(created);
            tx.imageSets().update(withStatus(created, 2, ImageSetState.LOCKED, WorkflowStatus.UPDATING));
            return null;
        });
        recording.write(tx -> {
            tx.imageSets().update(withStatus(created, 2, ImageSetState.ACTIVE, WorkflowStatus.UPDATED));
            return null;
        });
        recording.write(tx -> {
            tx.imageSets()
                    .update(withStatus(created, 2, ImageSetState.LOCKED, WorkflowStatus.COPYING_WITH_READ_ONLY_ACCESS));
            tx.imageSets().insert(copy);
            tx.imageSets().insertWork(new PendingWork(copy.id(), 1, PendingWork.Kind.COPY, copyPlan, 0));
            return null;
        });
        recording.write(tx -> {
            tx.imageSets().update(withStatus(copy, 1, ImageSetState.ACTIVE, WorkflowStatus.COPIED));
            // The source goes back to its latest version's status: no event.
            tx.imageSets().update(withStatus(created, 2, ImageSetState.ACTIVE, WorkflowStatus.UPDATED));
            return null;
        });
        recording.write(tx -> {
            tx.imageSets().update(withStatus(copy, 2, ImageSetState.LOCKED, WorkflowStatus.DELETING));
            return null;
        });
        recording.write(
                tx -> { // the delete failed: back to COPIED with no event, AHI has none
                    tx.imageSets().update(withStatus(copy, 3, ImageSetState.ACTIVE, WorkflowStatus.COPIED));
                    tx.imageSets().update(withStatus(created, 3, ImageSetState.LOCKED, WorkflowStatus.DELETING));
                    return null;
                });
        recording.write(tx -> {
            tx.imageSets().update(withStatus(created, 3, ImageSetState.DELETED, WorkflowStatus.DELETED));
            return null;
        });

        List<JsonNode> events = events();
        assertThat(events)
                .extracting(event -> event.path("detail-type").asText() + " "
                        + event.at("/detail/imagesetId").asText().equals(created.id()))
                .containsExactly(
                        "Image Set Created true",
                        "Image Set Updating true",
                        "Image Set Updated true",
                        "Image Set Copying With Read Only Access true",
                        "Image Set Copying false",
                        "Image Set Copied false",
                        "Image Set Deleting false",
                        "Image Set Deleting true",
                        "Image Set Deleted true");
        assertThat(events.get(4).path("detail"))
                .isEqualTo(JSON.createObjectNode()
                        .put("imagingVersion", "1.0")
                        .put("isPrimary", false)
                        .put("datastoreId", datastoreId)
                        .put("imagesetId", copy.id())
                        .put("imageSetVersion", "1")
                        .put("imageSetState", "LOCKED")
                        .put("imageSetWorkflowStatus", "COPYING")
                        .put("sourceImageSetArn", ACCOUNT.imageSetArn(datastoreId, created.id())));
        assertThat(events.get(4).path("resources").get(0).asText())
                .isEqualTo(ACCOUNT.imageSetArn(datastoreId, copy.id()));
        assertThat(events.get(8).at("/detail/imageSetVersion").asText()).isEqualTo("3");
    }

    private MetadataStore recording() {
        return new RecordingStore(store, ACCOUNT, CLOCK, () -> {});
    }

    private String datastore() {
        return new DatastoreService(store, ACCOUNT, CLOCK, new PageTokens(new byte[32]), 10)
                .create(new NewDatastore(
                        Ids.newId(),
                        Optional.empty(),
                        java.util.Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .datastore()
                .id();
    }

    private static ImageSet imageSet(
            String datastoreId, int version, ImageSetState state, WorkflowStatus status, boolean primary) {
        return new ImageSet(
                Ids.newId(),
                datastoreId,
                T0,
                T0,
                version,
                state,
                status,
                primary,
                new ImageSetIdentity("P1", "1.2.3", null, null, null, "1.2.3.4", "1"));
    }

    private static ImageSet withStatus(ImageSet imageSet, int version, ImageSetState state, WorkflowStatus status) {
        return imageSet.atVersion(version, state, status, T0);
    }

    private List<JsonNode> events() {
        return after(0, 1000).stream()
                .map(event -> {
                    try {
                        return JSON.readTree(event.json());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    private long append(String detailType) {
        return store.write(tx -> tx.events().append(detailType, "arn:" + detailType, "{\"" + detailType + "\":1}", T0));
    }

    private List<OutboxEvent> after(long position, int limit) {
        return store.read(tx -> tx.events().after(position, limit));
    }

    private List<String> claimable(Instant now, List<String> among) {
        return store.read(tx -> tx.events().dueCursors(among, now, 10));
    }

    private Optional<DeliveryCursor> cursor(String webhook) {
        return store.read(tx -> tx.events().cursor(webhook));
    }

    private boolean written(org.openahi.core.store.TransactionBody<Boolean> work) {
        return store.write(work);
    }

    private int pruned(Instant before) {
        return store.write(tx -> tx.events().prune(before));
    }

    private long last() {
        return store.read(tx -> tx.events().lastPosition());
    }
}
