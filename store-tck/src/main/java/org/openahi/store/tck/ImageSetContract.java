package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.imageset.SearchQuery;
import org.openahi.core.imageset.SearchResult;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.VersionDocument;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.page.Cursor;

/**
 * What every {@link org.openahi.core.imageset.ImageSetRepository} must do with image sets, their versions and frames
 * and SearchImageSets; the QIDO-RS index and document parts are in {@link MetadataStoreContract}.
 */
public abstract class ImageSetContract extends MetadataStoreFixture {
    private static final String DS = "q".repeat(32);
    private static final String OTHER_DS = "r".repeat(32);

    @BeforeEach
    void twoDatastores() {
        write(tx -> {
            tx.datastores().insert(MetadataStoreContract.datastore("q", 1000, DatastoreStatus.ACTIVE));
            tx.datastores().insert(MetadataStoreContract.datastore("r", 1000, DatastoreStatus.ACTIVE));
            return null;
        });
    }

    @Test
    void imageSetsAreFoundByIdByTheirSeriesPrimaryAndByStudyAndUpdated() {
        ImageSet a = imageSet("a", DS, 1000, 1000, true, ImageSetState.ACTIVE, "P1", "1.1");
        ImageSet b = imageSet("b", DS, 2000, 2000, true, ImageSetState.ACTIVE, "P1", "1.2");
        ImageSet c = imageSet("c", DS, 3000, 3000, false, ImageSetState.ACTIVE, "P1", "1.1");
        ImageSet d = imageSet("d", DS, 4000, 4000, true, ImageSetState.DELETED, "P1", "1.3");
        ImageSet e = imageSet("e", OTHER_DS, 5000, 5000, true, ImageSetState.ACTIVE, "P1", "1.1");
        write(tx -> {
            List.of(a, b, c, d, e).forEach(tx.imageSets()::insert);
            return null;
        });
        assertThat(this.<Optional<ImageSet>>read(tx -> tx.imageSets().find(DS, a.id())))
                .contains(a);
        assertThat(this.<Optional<ImageSet>>read(tx -> tx.imageSets().find(OTHER_DS, a.id())))
                .isEmpty();
        assertThat(this.<Optional<ImageSet>>read(tx -> tx.imageSets().findById(e.id())))
                .contains(e);
        assertThat(this.<Optional<ImageSet>>read(tx -> tx.imageSets().findById(id("z"))))
                .isEmpty();

        assertThat(this.<Optional<ImageSet>>read(tx -> tx.imageSets().findPrimary(DS, "1.1")))
                .contains(a);
        assertThat(this.<Optional<ImageSet>>read(tx -> tx.imageSets().findPrimary(OTHER_DS, "1.1")))
                .contains(e);
        assertThat(this.<Optional<ImageSet>>read(tx -> tx.imageSets().findPrimary(DS, "1.3")))
                .as("a DELETED image set is no series' primary")
                .isEmpty();
        assertThat(this.<List<ImageSet>>read(tx -> tx.imageSets().findPrimaryInStudy(DS, "9.9")))
                .containsExactly(a, b);
        assertThat(this.<Integer>read(tx -> tx.imageSets().countNotDeleted(DS))).isEqualTo(3);

        ImageSet updated = a.atVersion(2, ImageSetState.LOCKED, WorkflowStatus.UPDATING, Instant.ofEpochMilli(7000))
                .withIdentity(new ImageSetIdentity("P2", "9.8", "20250101", "A2", "S2", "1.1", "7"));
        write(tx -> {
            tx.imageSets().update(updated);
            return null;
        });
        assertThat(this.<Optional<ImageSet>>read(tx -> tx.imageSets().findById(a.id())))
                .contains(updated);
        assertThat(this.<List<ImageSet>>read(tx -> tx.imageSets().findPrimaryInStudy(DS, "9.8")))
                .containsExactly(updated);
    }

    @Test
    void versionsAreFoundListedNewestFirstAPageAtATimeAndUpdated() {
        String set = id("a");
        write(tx -> {
            tx.imageSets().insert(imageSet("a", DS, 1000, 1000, true, ImageSetState.ACTIVE, "P1", "1.1"));
            for (int number = 1; number <= 3; number++) {
                tx.imageSets()
                        .insertVersion(
                                version(set, number, Optional.of(VersionDocument.whole("metadata/a-" + number))));
            }
            return null;
        });
        assertThat(versions(set, OptionalInt.empty(), 2)).containsExactly(3, 2);
        assertThat(versions(set, OptionalInt.of(2), 2)).containsExactly(1);
        assertThat(versions(id("z"), OptionalInt.empty(), 2)).isEmpty();

        ImageSetVersion pending = version(set, 4, Optional.empty());
        ImageSetVersion finished = pending.finished(
                WorkflowStatus.UPDATE_FAILED,
                Instant.ofEpochMilli(9000),
                Optional.of("INVALID_REQUEST: no such attribute"),
                Optional.of(VersionDocument.whole("metadata/a-4")));
        write(tx -> {
            tx.imageSets().insertVersion(pending);
            tx.imageSets().updateVersion(finished);
            return null;
        });
        assertThat(this.<Optional<ImageSetVersion>>read(tx -> tx.imageSets().findVersion(set, 4)))
                .contains(finished);
        assertThat(this.<Optional<ImageSetVersion>>read(tx -> tx.imageSets().findVersion(set, 5)))
                .isEmpty();
    }

    @Test
    void aFrameStoredAnewIsFoundInItsNewBlobInEveryImageSetSharingIt() {
        String a = id("a");
        String copy = id("copy");
        StoredFrame pending = new StoredFrame(a, "f1", "pending/w/f1", "image/jph", 524_400);
        StoredFrame copied = new StoredFrame(copy, "f1", "pending/w/f1", "image/jph", 524_400);
        StoredFrame other = new StoredFrame(a, "f2", "pending/w/f2", "image/jph", 524_400);
        write(tx -> {
            tx.imageSets().insert(imageSet("a", DS, 1000, 1000, true, ImageSetState.ACTIVE, "P1", "1.1"));
            tx.imageSets().insert(imageSet("copy", DS, 1000, 1000, false, ImageSetState.ACTIVE, "P1", "1.1"));
            tx.imageSets().insertFrames(List.of(pending, copied, other));
            return null;
        });

        assertThat(this.<Set<String>>write(
                        tx -> tx.imageSets().replaceFrameBlob("pending/w/f1", "frames/w/f1", 201_000)))
                .containsExactlyInAnyOrder(a, copy);
        assertThat(this.<Set<String>>write(tx -> tx.imageSets().replaceFrameBlob("pending/w/none", "frames/w/none", 1)))
                .isEmpty();

        assertThat(this.<Optional<StoredFrame>>read(tx -> tx.imageSets().findFrame(a, "f1")))
                .contains(new StoredFrame(a, "f1", "frames/w/f1", "image/jph", 201_000));
        assertThat(this.<Optional<StoredFrame>>read(tx -> tx.imageSets().findFrame(copy, "f1")))
                .contains(new StoredFrame(copy, "f1", "frames/w/f1", "image/jph", 201_000));
        assertThat(this.<Optional<StoredFrame>>read(tx -> tx.imageSets().findFrame(a, "f2")))
                .contains(other);
        assertThat(this.<Boolean>read(tx -> tx.imageSets().referencesBlob("pending/w/f1")))
                .isFalse();
    }

    @Test
    void framesAreFoundAndTheirBlobsAreTheImageSetsContentUntilItIsForgotten() {
        String a = id("a");
        String b = id("b");
        StoredFrame first = new StoredFrame(a, "f1", "frames/1", "image/jph", 10);
        StoredFrame second = new StoredFrame(a, "f2", "frames/2", "image/jph", 20);
        StoredFrame third = new StoredFrame(a, "f3", "frames/3", "application/octet-stream", 30);
        StoredFrame others = new StoredFrame(b, "f1", "frames/4", "image/jph", 40);
        write(tx -> {
            tx.imageSets().insert(imageSet("a", DS, 1000, 1000, true, ImageSetState.ACTIVE, "P1", "1.1"));
            tx.imageSets().insert(imageSet("b", DS, 1000, 1000, true, ImageSetState.ACTIVE, "P1", "1.2"));
            tx.imageSets().insertFrame(first);
            tx.imageSets().insertFrames(List.of(second, third));
            tx.imageSets().insertFrame(others);
            tx.imageSets().insertVersion(version(a, 1, Optional.of(VersionDocument.whole("metadata/a-1"))));
            tx.imageSets().insertVersion(version(a, 2, Optional.empty()));
            return null;
        });
        assertThat(this.<Optional<StoredFrame>>read(tx -> tx.imageSets().findFrame(a, "f3")))
                .contains(third);
        assertThat(this.<Optional<StoredFrame>>read(tx -> tx.imageSets().findFrame(b, "f1")))
                .contains(others);
        assertThat(this.<Optional<StoredFrame>>read(tx -> tx.imageSets().findFrame(b, "f2")))
                .isEmpty();
        assertThat(this.<List<StoredFrame>>read(tx -> tx.imageSets().frames(a)))
                .containsExactlyInAnyOrder(first, second, third);
        assertThat(this.<List<String>>read(tx -> tx.imageSets().contentBlobs(a)))
                .containsExactlyInAnyOrder("frames/1", "frames/2", "frames/3", "metadata/a-1");
        assertThat(this.<Boolean>read(tx -> tx.imageSets().referencesBlob("frames/2")))
                .isTrue();

        write(tx -> {
            tx.imageSets().forgetContent(a);
            return null;
        });
        assertThat(this.<List<StoredFrame>>read(tx -> tx.imageSets().frames(a))).isEmpty();
        assertThat(this.<List<String>>read(tx -> tx.imageSets().contentBlobs(a)))
                .isEmpty();
        assertThat(this.<Boolean>read(tx -> tx.imageSets().referencesBlob("frames/2")))
                .isFalse();
        assertThat(this.<List<StoredFrame>>read(tx -> tx.imageSets().frames(b))).containsExactly(others);
    }

    @Test
    void searchFiltersSortsAndPagesTheDataStoresImageSetsThatAreNotDeleted() {
        write(tx -> {
            searchable(tx, imageSet("a", DS, 1000, 5000, true, ImageSetState.ACTIVE, "P1", "1.1"), 20240101L);
            searchable(tx, imageSet("b", DS, 2000, 4000, true, ImageSetState.ACTIVE, "P2", "1.2"), 20230101L);
            searchable(tx, imageSet("c", DS, 3000, 4000, false, ImageSetState.ACTIVE, "P1", "1.1"), 20250101L);
            searchable(tx, imageSet("d", DS, 4000, 9000, true, ImageSetState.DELETED, "P1", "1.3"), 20240101L);
            searchable(tx, imageSet("e", OTHER_DS, 5000, 9000, true, ImageSetState.ACTIVE, "P1", "1.1"), 20240101L);
            return null;
        });
        SearchQuery.SortField updated = SearchQuery.SortField.UPDATED_AT;
        assertThat(search(List.of(), updated, false, Optional.empty(), 10))
                .as("newest first, the id breaking the tie")
                .containsExactly("a", "c", "b");
        assertThat(search(List.of(), updated, true, Optional.empty(), 10)).containsExactly("b", "c", "a");
        assertThat(search(List.of(), updated, false, Optional.of(new Cursor(4000, id("c"))), 10))
                .containsExactly("b");
        assertThat(search(List.of(), updated, true, Optional.empty(), 2)).containsExactly("b", "c");
        assertThat(search(List.of(), updated, true, Optional.of(new Cursor(4000, id("c"))), 2))
                .containsExactly("a");

        assertThat(search(List.of(new SearchQuery.Equals(SearchQuery.Attribute.PATIENT_ID, "P1")), updated, false))
                .containsExactly("a", "c");
        assertThat(search(
                        List.of(new SearchQuery.Equals(SearchQuery.Attribute.SERIES_INSTANCE_UID, "1.1")),
                        updated,
                        false))
                .containsExactly("a", "c");
        assertThat(search(List.of(new SearchQuery.PrimaryIs(false)), updated, false))
                .containsExactly("c");
        assertThat(search(
                        List.of(new SearchQuery.Between(SearchQuery.SortField.CREATED_AT, 1500, 3000)), updated, false))
                .containsExactly("c", "b");
        assertThat(search(List.of(), SearchQuery.SortField.STUDY_DATE_TIME, true))
                .containsExactly("b", "a", "c");
        assertThat(search(List.of(), SearchQuery.SortField.CREATED_AT, false)).containsExactly("c", "b", "a");

        SearchQuery one = new SearchQuery(
                DS,
                List.of(new SearchQuery.Equals(SearchQuery.Attribute.PATIENT_ID, "P2")),
                updated,
                false,
                Optional.empty(),
                10);
        List<SearchResult> found = read(tx -> tx.imageSets().search(one));
        assertThat(found).singleElement().satisfies(result -> {
            assertThat(result.imageSet())
                    .isEqualTo(imageSet("b", DS, 2000, 4000, true, ImageSetState.ACTIVE, "P2", "1.2"));
            assertThat(result.summary()).isEqualTo(summary(20230101L));
        });
    }

    @Test
    void pendingWorkIsRecordedWithoutAttemptsStartedOnceForEachRunAndDeletedWhenItEnds() {
        PendingWork.Key update = new PendingWork.Key(id("a"), 2);
        PendingWork.Key delete = new PendingWork.Key(id("b"), 3);
        write(tx -> {
            tx.imageSets().insert(imageSet("a", DS, 1000, 1000, true, ImageSetState.LOCKED, "P1", "1.1"));
            tx.imageSets().insert(imageSet("b", DS, 1000, 1000, true, ImageSetState.LOCKED, "P1", "1.2"));
            tx.imageSets().insertWork(new PendingWork(id("a"), 2, PendingWork.Kind.UPDATE, "{\"n\":1}", 7));
            tx.imageSets().insertWork(new PendingWork(id("b"), 3, PendingWork.Kind.DELETE, "{}", 0));
            return null;
        });
        assertThat(this.<Optional<PendingWork>>read(tx -> tx.imageSets().findWork(update)))
                .as("new work has no attempts yet")
                .contains(new PendingWork(id("a"), 2, PendingWork.Kind.UPDATE, "{\"n\":1}", 0));
        assertThat(this.<List<PendingWork.Key>>read(tx -> tx.imageSets().unstartedWork(10)))
                .containsExactlyInAnyOrder(update, delete);
        assertThat(this.<Set<String>>read(tx -> tx.imageSets().pendingWorkIds()))
                .containsExactlyInAnyOrder(update.workId(), delete.workId());

        assertThat(this.<Boolean>write(tx -> tx.imageSets().startWork(update))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.imageSets().startWork(update))).isTrue();
        assertThat(this.<Optional<PendingWork>>read(tx -> tx.imageSets().findWork(update)))
                .hasValueSatisfying(work -> assertThat(work.attempts()).isEqualTo(2));
        assertThat(this.<List<PendingWork.Key>>read(tx -> tx.imageSets().unstartedWork(10)))
                .containsExactly(delete);

        write(tx -> {
            tx.imageSets().deleteWork(update);
            return null;
        });
        assertThat(this.<Optional<PendingWork>>read(tx -> tx.imageSets().findWork(update)))
                .isEmpty();
        assertThat(this.<Boolean>write(tx -> tx.imageSets().startWork(update)))
                .as("ended work takes no run")
                .isFalse();
        assertThat(this.<Set<String>>read(tx -> tx.imageSets().pendingWorkIds()))
                .containsExactly(delete.workId());
    }

    private List<String> search(List<SearchQuery.Condition> conditions, SearchQuery.SortField sort, boolean ascending) {
        return search(conditions, sort, ascending, Optional.empty(), 10);
    }

    private List<String> search(
            List<SearchQuery.Condition> conditions,
            SearchQuery.SortField sort,
            boolean ascending,
            Optional<Cursor> after,
            int limit) {
        SearchQuery query = new SearchQuery(DS, conditions, sort, ascending, after, limit);
        return read(tx -> tx.imageSets().search(query)).stream()
                .map(result -> result.imageSet().id().substring(0, 1))
                .toList();
    }

    private static void searchable(org.openahi.core.store.Transaction tx, ImageSet set, long studyDate) {
        tx.imageSets().insert(set);
        tx.imageSets().updateSummary(set.id(), summary(studyDate));
    }

    private static ImageSetSummary summary(long studyDate) {
        return new ImageSetSummary(
                "Doe^Jane", "19700101", "F", "a study", "101010", studyDate * 1_000_000_000L, "MR", "HEAD", 1, 3);
    }

    private List<Integer> versions(String imageSetId, OptionalInt before, int limit) {
        return read(tx -> tx.imageSets().listVersions(imageSetId, before, limit)).stream()
                .map(ImageSetVersion::version)
                .toList();
    }

    private static ImageSetVersion version(String imageSetId, int number, Optional<VersionDocument> document) {
        return new ImageSetVersion(
                imageSetId,
                number,
                document.isPresent() ? ImageSetState.ACTIVE : ImageSetState.LOCKED,
                document.isPresent() ? WorkflowStatus.IMPORTED : WorkflowStatus.UPDATING,
                Instant.ofEpochMilli(1000),
                Instant.ofEpochMilli(1000L * number),
                Optional.empty(),
                Optional.empty(),
                number == 3,
                true,
                document);
    }

    private static ImageSet imageSet(
            String letter,
            String datastoreId,
            long createdMillis,
            long updatedMillis,
            boolean primary,
            ImageSetState state,
            String patientId,
            String seriesUid) {
        return new ImageSet(
                id(letter),
                datastoreId,
                Instant.ofEpochMilli(createdMillis),
                Instant.ofEpochMilli(updatedMillis),
                1,
                state,
                state == ImageSetState.DELETED ? WorkflowStatus.DELETED : WorkflowStatus.CREATED,
                primary,
                new ImageSetIdentity(patientId, "9.9", "20240102", "A1", "S1", seriesUid, "1"));
    }

    private static String id(String letter) {
        return letter.repeat(32);
    }
}
