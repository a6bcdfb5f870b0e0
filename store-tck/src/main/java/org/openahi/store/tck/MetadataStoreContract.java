package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openahi.core.account.Account;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.datastore.NewDatastore;
import org.openahi.core.error.QuotaExceeded;
import org.openahi.core.imageset.DicomWebIndex;
import org.openahi.core.imageset.DocumentPart;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.imageset.VersionAuthor;
import org.openahi.core.imageset.VersionDocument;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.ImportProgress;
import org.openahi.core.importing.StagedInstance;
import org.openahi.core.importing.StagingRepository;
import org.openahi.core.metadata.InstanceMetadata;
import org.openahi.core.page.Cursor;
import org.openahi.core.page.PageTokens;
import org.openahi.core.store.IdempotencyRepository;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.tier.StorageTier;
import org.openahi.core.tier.TierState;

/**
 * The behaviour every {@link MetadataStore} implementation must show. Each adapter's test extends this
 * class and says how to open a fresh store and how to reopen one (a restart).
 */
public abstract class MetadataStoreContract extends MetadataStoreFixture {
    /** Closes {@code current} and opens the same database again, as a restarted server would. */
    protected abstract MetadataStore reopen(MetadataStore current) throws Exception;

    @Test
    void datastoreRoundTripsEveryField() {
        Datastore full = datastore(
                "a",
                1000,
                DatastoreStatus.ACTIVE,
                Optional.of("arn:aws:kms:us-east-1:123456789012:alias/k"),
                Optional.of("arn:aws:lambda:us-east-1:123456789012:function:f"));
        Datastore bare = datastore("b", 2000, DatastoreStatus.CREATING, Optional.empty(), Optional.empty());
        store.write(tx -> {
            tx.datastores().insert(full);
            tx.datastores().insert(bare);
            return null;
        });
        assertThat(find(full.id())).contains(full);
        assertThat(find(bare.id())).contains(bare);
        assertThat(find(id("z"))).isEmpty();
    }

    @Test
    void listsNewestFirstWithStatusFilterAndCursor() {
        store.write(tx -> {
            tx.datastores().insert(datastore("a", 1000, DatastoreStatus.ACTIVE));
            tx.datastores().insert(datastore("b", 3000, DatastoreStatus.DELETED));
            tx.datastores().insert(datastore("c", 2000, DatastoreStatus.ACTIVE));
            tx.datastores()
                    .insert(datastore("d", 2000, DatastoreStatus.ACTIVE)); // same instant as c: id breaks the tie
            return null;
        });
        assertThat(ids(Optional.empty(), Optional.empty(), 10)).containsExactly(id("b"), id("d"), id("c"), id("a"));
        assertThat(ids(Optional.of(DatastoreStatus.ACTIVE), Optional.empty(), 10))
                .containsExactly(id("d"), id("c"), id("a"));
        assertThat(ids(Optional.empty(), Optional.of(new Cursor(2000, id("d"))), 10))
                .containsExactly(id("c"), id("a"));
        assertThat(ids(Optional.empty(), Optional.empty(), 2)).containsExactly(id("b"), id("d"));
    }

    @Test
    void countsDatastoresThatAreNotDeletedAndUpdatesStatus() {
        store.write(tx -> {
            tx.datastores().insert(datastore("a", 1000, DatastoreStatus.ACTIVE));
            tx.datastores().insert(datastore("b", 2000, DatastoreStatus.ACTIVE));
            tx.datastores().updateStatus(id("b"), DatastoreStatus.DELETED, Instant.ofEpochMilli(5000));
            return null;
        });
        assertThat(countNotDeleted()).isEqualTo(1);
        Datastore b = find(id("b")).orElseThrow();
        assertThat(b.status()).isEqualTo(DatastoreStatus.DELETED);
        assertThat(b.updatedAt()).isEqualTo(Instant.ofEpochMilli(5000));
        assertThat(b.createdAt()).isEqualTo(Instant.ofEpochMilli(2000));
    }

    @Test
    void versionAuthorsAreRecordedOnceAndListedInVersionOrder() {
        store.write(tx -> {
            tx.versionAuthors()
                    .record(new VersionAuthor(
                            id("a"), 3, "arn:aws:iam::1:user/b", "r3", "CopyImageSet", Instant.ofEpochMilli(3000)));
            tx.versionAuthors()
                    .record(new VersionAuthor(
                            id("a"),
                            2,
                            "arn:aws:iam::1:user/a",
                            "r2",
                            "UpdateImageSetMetadata",
                            Instant.ofEpochMilli(2000)));
            tx.versionAuthors()
                    .record(new VersionAuthor(
                            id("a"),
                            2,
                            "arn:aws:iam::1:user/z",
                            "again",
                            "UpdateImageSetMetadata",
                            Instant.ofEpochMilli(9000)));
            tx.versionAuthors()
                    .record(new VersionAuthor(
                            id("b"), 2, "arn:aws:iam::1:user/c", "other", "CopyImageSet", Instant.ofEpochMilli(4000)));
            return null;
        });
        List<VersionAuthor> authors = store.read(tx -> tx.versionAuthors().list(id("a")));
        assertThat(authors)
                .containsExactly(
                        new VersionAuthor(
                                id("a"),
                                2,
                                "arn:aws:iam::1:user/a",
                                "r2",
                                "UpdateImageSetMetadata",
                                Instant.ofEpochMilli(2000)),
                        new VersionAuthor(
                                id("a"), 3, "arn:aws:iam::1:user/b", "r3", "CopyImageSet", Instant.ofEpochMilli(3000)));
        List<VersionAuthor> none = store.read(tx -> tx.versionAuthors().list(id("c")));
        assertThat(none).isEmpty();
    }

    @Test
    void tagsAreAddedReplacedListedInKeyOrderAndRemoved() {
        store.write(tx -> {
            tx.tags().put("arn:1", Map.of("b", "2", "a", "1"));
            tx.tags().put("arn:1", Map.of("a", "one", "c", ""));
            tx.tags().put("arn:2", Map.of("a", "other"));
            return null;
        });
        assertThat(tags("arn:1")).containsExactly(Map.entry("a", "one"), Map.entry("b", "2"), Map.entry("c", ""));
        store.write(tx -> {
            tx.tags().remove("arn:1", List.of("a", "never-there"));
            return null;
        });
        assertThat(tags("arn:1")).containsOnlyKeys("b", "c");
        assertThat(tags("arn:2")).containsExactly(Map.entry("a", "other"));
        assertThat(tags("arn:3")).isEmpty();
    }

    @Test
    void idempotencyEntriesAreScopedByOperationAndToken() {
        store.write(tx -> {
            tx.idempotency().insert("Create", "t1", new IdempotencyRepository.Entry("f1", "r1"), Instant.EPOCH);
            return null;
        });
        assertThat(token("Create", "t1")).contains(new IdempotencyRepository.Entry("f1", "r1"));
        assertThat(token("Other", "t1")).isEmpty();
        assertThat(token("Create", "t2")).isEmpty();
    }

    @Test
    void aFailedWriteLeavesNoTrace() {
        store.write(tx -> {
            tx.idempotency().insert("Create", "t1", new IdempotencyRepository.Entry("f1", "r1"), Instant.EPOCH);
            return null;
        });
        assertThatThrownBy(() -> store.write(tx -> {
                    tx.datastores().insert(datastore("a", 1000, DatastoreStatus.ACTIVE));
                    tx.idempotency().insert("Create", "t1", new IdempotencyRepository.Entry("f2", "r2"), Instant.EPOCH);
                    return null;
                }))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> store.write(tx -> {
                    tx.datastores().insert(datastore("b", 1000, DatastoreStatus.ACTIVE));
                    throw new IllegalStateException("the domain refused");
                }))
                .hasMessage("the domain refused");
        assertThat(find(id("a"))).isEmpty();
        assertThat(find(id("b"))).isEmpty();
        assertThat(token("Create", "t1")).contains(new IdempotencyRepository.Entry("f1", "r1"));
    }

    @Test
    void aSecretIsCreatedOnceAndKept() {
        byte[] first = store.write(tx -> tx.secrets().getOrCreate("key", () -> new byte[] {1, 2, 3}));
        byte[] second = store.write(tx -> tx.secrets().getOrCreate("key", () -> new byte[] {9}));
        assertThat(first).containsExactly(1, 2, 3);
        assertThat(second).containsExactly(1, 2, 3);
    }

    @Test
    void secretsAreListedByPrefixAndReplacedOnlyWhenUnchanged() {
        store.write(tx -> tx.secrets().getOrCreate("data-key/a", () -> new byte[] {1}));
        store.write(tx -> tx.secrets().getOrCreate("data-key/b_", () -> new byte[] {2}));
        store.write(tx -> tx.secrets().getOrCreate("data-keys", () -> new byte[] {3}));
        assertThat(store.read(tx -> tx.secrets().list("data-key/")).keySet())
                .containsExactly("data-key/a", "data-key/b_");
        assertThat(store.read(tx -> tx.secrets().list("data-key/b_")).keySet()).containsExactly("data-key/b_");
        boolean stale = store.write(tx -> tx.secrets().replace("data-key/a", new byte[] {9}, new byte[] {7}));
        boolean current = store.write(tx -> tx.secrets().replace("data-key/a", new byte[] {1}, new byte[] {7}));
        boolean absent = store.write(tx -> tx.secrets().replace("absent", new byte[] {1}, new byte[] {2}));
        assertThat(stale).isFalse();
        assertThat(current).isTrue();
        assertThat(absent).isFalse();
        assertThat(store.read(tx -> tx.secrets().list("data-key/a")).get("data-key/a"))
                .containsExactly(7);
    }

    @Test
    void committedDataSurvivesAReopen() throws Exception {
        Datastore a = datastore("a", 1000, DatastoreStatus.ACTIVE);
        store.write(tx -> {
            tx.datastores().insert(a);
            tx.tags().put("arn:a", Map.of("k", "v"));
            return null;
        });
        store = reopen(store);
        assertThat(find(a.id())).contains(a);
        assertThat(tags("arn:a")).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void concurrentReadModifyWriteTransactionsAllCommitInSomeSerialOrder() throws Exception {
        int threads = 8;
        int incrementsPerThread = 15;
        store.write(tx -> {
            tx.tags().put("counter", Map.of("n", "0"));
            return null;
        });
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(() -> {
                for (int i = 0; i < incrementsPerThread; i++) {
                    store.write(tx -> {
                        int n = Integer.parseInt(tx.tags().list("counter").get("n"));
                        tx.tags().put("counter", Map.of("n", Integer.toString(n + 1)));
                        return null;
                    });
                }
                return null;
            });
        }
        runAll(work);
        assertThat(tags("counter").get("n")).isEqualTo(Integer.toString(threads * incrementsPerThread));
    }

    @Test
    void concurrentCreatesNeverExceedTheDatastoreQuota() throws Exception {
        int quota = 5;
        PageTokens tokens = new PageTokens(new byte[32]);
        DatastoreService service =
                new DatastoreService(store, new Account("us-east-1", "123456789012"), Clock.systemUTC(), tokens, quota);
        List<Callable<Boolean>> creates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String token = "token-" + i;
            creates.add(() -> {
                try {
                    service.create(new NewDatastore(
                            token, Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty()));
                    return true;
                } catch (QuotaExceeded e) {
                    return false;
                }
            });
        }
        List<Boolean> outcomes = runAll(creates);
        assertThat(outcomes.stream().filter(created -> created).count()).isEqualTo(quota);
        assertThat(countNotDeleted()).isEqualTo(quota);
    }

    private static <T> List<T> runAll(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(work)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void qidoSearchesLivePrimaryImageSetsByTheirIndex() {
        String ds = id("q");
        store.write(tx -> {
            tx.datastores().insert(datastore("q", 1000, DatastoreStatus.ACTIVE));
            qidoImageSet(tx, "1", 2000, true, ImageSetState.ACTIVE, "9.9", "1.1", "MR", "10", "Doe^Jane", 3);
            qidoImageSet(tx, "2", 3000, true, ImageSetState.ACTIVE, "9.9", "1.2", "SR", "2", "Doe^Jane", 2);
            qidoImageSet(tx, "3", 4000, false, ImageSetState.ACTIVE, "9.9", "1.1", "CT", "10", "Doe^Jane", 1);
            qidoImageSet(tx, "4", 5000, true, ImageSetState.DELETED, "9.9", "1.4", "CT", "1", "Doe^Jane", 1);
            return null;
        });
        List<QidoRow.Study> studies = studies(List.of());
        assertThat(studies).singleElement().satisfies(study -> {
            assertThat(study.studyInstanceUid()).isEqualTo("9.9");
            assertThat(study.modalities()).containsExactly("MR", "SR");
            assertThat(study.seriesCount()).isEqualTo(2);
            assertThat(study.instanceCount()).isEqualTo(5);
            assertThat(study.referringPhysicianName()).isEqualTo("Ref^Doc");
        });
        assertThat(studies(List.of(new QidoQuery.AnyOf(QidoQuery.Key.MODALITIES_IN_STUDY, List.of("SR")))))
                .hasSize(1);
        assertThat(studies(List.of(new QidoQuery.AnyOf(QidoQuery.Key.MODALITIES_IN_STUDY, List.of("CT")))))
                .isEmpty();
        assertThat(studies(List.of(
                        new QidoQuery.Like(QidoQuery.Key.PATIENT_NAME, "dOE^*"),
                        new QidoQuery.InRange(QidoQuery.Key.STUDY_DATE, Optional.of("20200101"), Optional.empty()))))
                .hasSize(1);
        assertThat(studies(List.of(new QidoQuery.Like(QidoQuery.Key.PATIENT_NAME, "Doe_Jane"))))
                .isEmpty();
        assertThat(studies(List.of(
                        new QidoQuery.InRange(QidoQuery.Key.STUDY_DATE, Optional.empty(), Optional.of("20200101")))))
                .isEmpty();

        QidoQuery inStudy = new QidoQuery(ds, Optional.of("9.9"), Optional.empty(), List.of(), 0, 10);
        assertThat(series(inStudy))
                .extracting(QidoRow.Series::seriesInstanceUid)
                .containsExactly("1.2", "1.1"); // SeriesNumber 2 before 10: numbers, not text
        List<QidoRow.Instance> instances = instances(inStudy);
        assertThat(instances).extracting(QidoRow.Instance::instanceNumber).containsExactly(1L, 1L, 2L, 2L, 3L);
        QidoQuery oneSeries = new QidoQuery(
                ds,
                Optional.of("9.9"),
                Optional.of("1.1"),
                List.of(new QidoQuery.AnyOf(QidoQuery.Key.INSTANCE_NUMBER, List.of("2", "3"))),
                1,
                10);
        assertThat(instances(oneSeries))
                .extracting(QidoRow.Instance::sopInstanceUid)
                .containsExactly("1.1.3");

        Map<String, String> held =
                store.read(tx -> tx.imageSets().heldInstances(ds, List.of("1.1.1", "1.1.3", "1.4.1", "7.7")));
        assertThat(held)
                .as("primary or not, never DELETED")
                .containsOnlyKeys("1.1.1", "1.1.3")
                .containsEntry("1.1.1", "1.2.840.10008.5.1.4.1.1.4");

        List<String> notIndexed = store.read(tx -> tx.imageSets().notDicomWebIndexed("", 10));
        assertThat(notIndexed).isEmpty();
        store.write(tx -> {
            tx.imageSets().forgetContent(imageSetId("1"));
            return null;
        });
        assertThat(instances(inStudy)).hasSize(2);

        // Across studies (no study in the query): by study, then as within one.
        store.write(tx -> {
            qidoImageSet(tx, "5", 6000, true, ImageSetState.ACTIVE, "8.8", "2.1", "CT", "1", "Roe^Rick", 2);
            return null;
        });
        QidoQuery acrossStudies = new QidoQuery(ds, Optional.empty(), Optional.empty(), List.of(), 0, 10);
        assertThat(series(acrossStudies))
                .extracting(QidoRow.Series::seriesInstanceUid)
                .containsExactly("2.1", "1.2", "1.1");
        assertThat(instances(acrossStudies))
                .extracting(QidoRow.Instance::sopInstanceUid)
                .containsExactly("2.1.1", "2.1.2", "1.2.1", "1.2.2");
        QidoQuery byPatient = new QidoQuery(
                ds,
                Optional.empty(),
                Optional.empty(),
                List.of(new QidoQuery.Like(QidoQuery.Key.PATIENT_NAME, "roe*")),
                0,
                10);
        assertThat(series(byPatient))
                .extracting(QidoRow.Series::studyInstanceUid)
                .containsExactly("8.8");
        assertThat(instances(byPatient)).hasSize(2);
    }

    @Test
    void stagedInstancesAreFoundInStagingOrderWithTheirFramesUntilDeleted() {
        store.write(tx -> {
            tx.staging().insert(id("d"), "work-b", Instant.ofEpochMilli(2000), List.of(staged("s3", 0, 1)));
            tx.staging()
                    .insert(
                            id("d"),
                            "work-a",
                            Instant.ofEpochMilli(1000),
                            List.of(staged("s2", 1, 2), staged("s1", 0, 0)));
            return null;
        });
        int stagedForTheDatastore = store.read(tx -> tx.staging().countStaged(id("d")));
        assertThat(stagedForTheDatastore).isEqualTo(3);
        List<StagingRepository.Staged> found = store.read(tx -> tx.staging().find(List.of("s3", "s1", "s2", "none")));
        assertThat(found).extracting(staged -> staged.instance().id()).containsExactly("s1", "s2", "s3");
        StagedInstance second = found.get(1).instance();
        assertThat(found.get(1).datastoreId()).isEqualTo(id("d"));
        assertThat(second.frames())
                .extracting(StagedInstance.StagedFrame::blobKey)
                .containsExactly("frames/work-a/s2-0", "frames/work-a/s2-1");
        assertThat(second.identity()).isEqualTo(staged("s2", 1, 2).identity());
        assertThat(second.warning()).contains("kept as it arrived");
        assertThat(second.sopClassUid()).contains("1.2.840.10008.5.1.4.1.1.2");
        assertThat(new String(second.metadata().instance(), StandardCharsets.UTF_8))
                .isEqualTo(new String(staged("s2", 1, 2).metadata().instance(), StandardCharsets.UTF_8));
        List<String> old = store.read(tx -> tx.staging().stagedBefore(Instant.ofEpochMilli(2000), 10));
        assertThat(old).containsExactlyInAnyOrder("s1", "s2");
        assertThat(referenced("frames/work-a/s2-1")).isTrue();

        store.write(tx -> {
            tx.staging().delete(List.of("s1", "s2"));
            return null;
        });
        List<StagingRepository.Staged> left = store.read(tx -> tx.staging().find(List.of("s1", "s2", "s3")));
        assertThat(left).hasSize(1);
        assertThat(referenced("frames/work-a/s2-1")).isFalse();
    }

    @Test
    void anImportJobsStagedInstancesAreItsOwnToFoldFoundByItsWorkIdAndDeletedTogether() {
        String jobId = id("j");
        store.write(tx -> {
            tx.datastores().insert(datastore("i", 1000, DatastoreStatus.ACTIVE));
            tx.importJobs()
                    .insert(new ImportJob(
                            jobId,
                            id("i"),
                            "job",
                            ImportJobStatus.IN_PROGRESS,
                            "arn:aws:iam::123456789012:role/r",
                            "s3://in/",
                            "s3://out/",
                            Optional.empty(),
                            Instant.ofEpochMilli(500),
                            Optional.empty(),
                            Optional.empty(),
                            1,
                            false,
                            ImportProgress.NONE,
                            List.of()));
            tx.staging().insert(id("i"), jobId, Instant.ofEpochMilli(1000), List.of(staged("j2", 2, 1)));
            tx.staging()
                    .insert(
                            id("i"),
                            jobId,
                            Instant.ofEpochMilli(1001),
                            List.of(staged("j0", 0, 2), staged("j1", 1, 0)));
            tx.staging().insert(id("i"), "stow-work", Instant.ofEpochMilli(1000), List.of(staged("w0", 0, 1)));
            return null;
        });
        // Only the STOW-RS instance is an orphan for the fold to pick up.
        assertThat(store.<List<String>>read(tx -> tx.staging().stagedBefore(Instant.ofEpochMilli(5000), 10)))
                .containsExactly("w0");
        List<StagedInstance> byJob = store.read(tx -> tx.staging().stagedBy(jobId));
        assertThat(byJob).extracting(StagedInstance::id).containsExactly("j0", "j1", "j2");
        assertThat(byJob.getFirst().frames())
                .extracting(StagedInstance.StagedFrame::blobKey)
                .containsExactly("frames/work-a/j0-0", "frames/work-a/j0-1");
        assertThat(byJob.getFirst().inputFile()).isEqualTo("part 0");

        store.write(tx -> {
            tx.staging().deleteStagedBy(jobId);
            return null;
        });
        assertThat(store.<List<StagedInstance>>read(tx -> tx.staging().stagedBy(jobId)))
                .isEmpty();
        assertThat(referenced("frames/work-a/j0-1")).isFalse();
        assertThat(store.<List<StagingRepository.Staged>>read(tx -> tx.staging().find(List.of("w0"))))
                .hasSize(1);
    }

    @Test
    void documentPartsAreReadInVersionOrderAPageAtATime() {
        String imageSet = imageSetId("p");
        store.write(tx -> {
            tx.datastores().insert(datastore("q", 1000, DatastoreStatus.ACTIVE));
            tx.imageSets()
                    .insert(new ImageSet(
                            imageSet,
                            id("q"),
                            Instant.EPOCH,
                            Instant.EPOCH,
                            2,
                            ImageSetState.ACTIVE,
                            WorkflowStatus.IMPORTED,
                            true,
                            new ImageSetIdentity("P1", "9.9", null, null, null, "1.1", "1")));
            tx.imageSets().insertVersion(version(imageSet, 1, VersionDocument.folded(0, "{\"PatientID\":[\"P1\"]}")));
            tx.imageSets().insertVersion(version(imageSet, 2, VersionDocument.folded(0, "{\"PatientID\":[\"P2\"]}")));
            tx.imageSets().insertDocumentParts(imageSet, List.of(part("a", 2, 0), part("b", 2, 1)));
            tx.imageSets().insertDocumentParts(imageSet, List.of(part("c", 1, 0)));
            return null;
        });
        assertThat(partKeys(imageSet, 0, 2))
                .extracting(DocumentPart.Key::sopInstanceUid)
                .containsExactly("1.1.c", "1.1.a", "1.1.b");
        assertThat(partKeys(imageSet, 1, 2)).hasSize(2);
        assertThat(partKeys(imageSet, 0, 1)).hasSize(1);
        List<DocumentPart> first = store.read(tx -> tx.imageSets().documentParts(imageSet, 0, 2, Optional.empty(), 2));
        assertThat(first).extracting(DocumentPart::partId).containsExactly("c", "a");
        List<DocumentPart> rest = store.read(tx -> tx.imageSets()
                .documentParts(imageSet, 0, 2, Optional.of(first.get(1).key()), 2));
        assertThat(rest).extracting(DocumentPart::partId).containsExactly("b");
        assertThat(new String(rest.get(0).metadata().instance(), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":\"b\"}");
        Optional<DocumentPart.Location> location =
                store.read(tx -> tx.imageSets().findDocumentPart("a"));
        assertThat(location).contains(new DocumentPart.Location(imageSet, 2));

        assertThat(recordWhole(imageSet, 2, "metadata/x/2")).isTrue();
        assertThat(recordWhole(imageSet, 2, "metadata/x/other")).isFalse();
        assertThat(versionDocument(imageSet, 2))
                .contains(new VersionDocument(
                        Optional.of("metadata/x/2"), OptionalInt.of(0), Optional.of("{\"PatientID\":[\"P2\"]}")));
        assertThat(referenced("metadata/x/2")).isTrue();
        store.write(tx -> {
            tx.imageSets().forgetContent(imageSet);
            return null;
        });
        assertThat(versionDocument(imageSet, 2)).isEmpty();
        assertThat(partKeys(imageSet, 0, 2)).isEmpty();
        assertThat(recordWhole(imageSet, 1, "metadata/x/1")).isFalse();
    }

    @Test
    void tiersReadAsCreationUntilAccessedAndArchiveOnlyWhatStayedUntouched() {
        store.write(tx -> {
            tx.datastores().insert(datastore("q", 1000, DatastoreStatus.ACTIVE));
            qidoImageSet(tx, "1", 2000, true, ImageSetState.ACTIVE, "9.9", "1.1", "MR", "10", "Doe^Jane", 1);
            qidoImageSet(tx, "2", 3000, true, ImageSetState.ACTIVE, "9.9", "1.2", "SR", "2", "Doe^Jane", 1);
            qidoImageSet(tx, "3", 4000, false, ImageSetState.ACTIVE, "9.9", "1.1", "CT", "10", "Doe^Jane", 1);
            qidoImageSet(tx, "4", 1000, true, ImageSetState.DELETED, "9.9", "1.4", "CT", "1", "Doe^Jane", 1);
            tx.tiers().recordAccess(imageSetId("2"), Instant.ofEpochMilli(9000));
            return null;
        });
        Map<String, TierState> states =
                store.read(tx -> tx.tiers().find(List.of(imageSetId("1"), imageSetId("2"), imageSetId("9"))));
        assertThat(states).containsOnlyKeys(imageSetId("1"), imageSetId("2"));
        assertThat(states.get(imageSetId("1")))
                .isEqualTo(
                        new TierState(imageSetId("1"), Instant.ofEpochMilli(2000), StorageTier.FREQUENT_ACCESS, false));
        assertThat(states.get(imageSetId("2")).lastAccessedAt()).isEqualTo(Instant.ofEpochMilli(9000));

        List<TierState> untouched = untouchedSince(5000);
        assertThat(untouched).extracting(TierState::imageSetId).containsExactly(imageSetId("1"), imageSetId("3"));
        store.write(tx -> {
            tx.tiers().recordAccess(imageSetId("3"), Instant.ofEpochMilli(6000));
            return null;
        });
        List<Boolean> archived = store.write(tx -> untouched.stream()
                .map(state -> tx.tiers().archive(state.imageSetId(), state.lastAccessedAt()))
                .toList());
        assertThat(archived).as("the set accessed after the select stays").containsExactly(true, false);
        assertThat(tierOf("1")).isEqualTo(StorageTier.ARCHIVE_INSTANT_ACCESS.name());
        assertThat(tierOf("3")).isEqualTo(StorageTier.FREQUENT_ACCESS.name());
        assertThat(untouchedSince(5000)).isEmpty();

        assertThat(misplacedBlobs()).extracting(TierState::imageSetId).containsExactly(imageSetId("1"));
        store.write(tx -> {
            tx.tiers().setBlobsArchived(imageSetId("1"), true);
            return null;
        });
        assertThat(misplacedBlobs()).isEmpty();
        store.write(tx -> {
            tx.tiers().blobsAdded(imageSetId("1"));
            return null;
        });
        assertThat(misplacedBlobs())
                .as("an import added frames")
                .extracting(TierState::imageSetId)
                .containsExactly(imageSetId("1"));
        store.write(tx -> {
            tx.tiers().setBlobsArchived(imageSetId("1"), true);
            return null;
        });
        store.write(tx -> {
            tx.tiers().recordAccess(imageSetId("1"), Instant.ofEpochMilli(10_000));
            return null;
        });
        assertThat(tierOf("1")).isEqualTo(StorageTier.FREQUENT_ACCESS.name());
        assertThat(misplacedBlobs())
                .singleElement()
                .satisfies(state -> assertThat(state.blobsArchived()).isTrue());
    }

    private List<TierState> untouchedSince(long millis) {
        return store.read(tx -> tx.tiers().untouchedSince(Instant.ofEpochMilli(millis), 10));
    }

    private List<TierState> misplacedBlobs() {
        return store.read(tx -> tx.tiers().misplacedBlobs(10));
    }

    private String tierOf(String letter) {
        return store.read(tx -> tx.tiers().find(List.of(imageSetId(letter))))
                .get(imageSetId(letter))
                .tier()
                .name();
    }

    @Test
    void mergingIntoTheQidoIndexReplacesRowsOfTheSameInstancesAndCountsTheNewOnes() {
        String ds = id("q");
        store.write(tx -> {
            tx.datastores().insert(datastore("q", 1000, DatastoreStatus.ACTIVE));
            qidoImageSet(tx, "1", 2000, true, ImageSetState.ACTIVE, "9.9", "1.1", "MR", "10", "Doe^Jane", 3);
            return null;
        });
        int added = store.write(tx -> tx.imageSets()
                .mergeDicomWebIndex(
                        imageSetId("1"),
                        new DicomWebIndex(
                                "Other^Doc",
                                "new description",
                                11L,
                                List.of(
                                        new DicomWebIndex.Instance(
                                                "1.1", "1.1.3", "1.2.840.10008.5.1.4.1.1.4", 30L, 1L, 64, 64),
                                        new DicomWebIndex.Instance(
                                                "1.1", "1.1.4", "1.2.840.10008.5.1.4.1.1.4", 4L, 1L, 64, 64)))));
        assertThat(added).isEqualTo(1);
        QidoQuery inSeries = new QidoQuery(ds, Optional.of("9.9"), Optional.of("1.1"), List.of(), 0, 10);
        assertThat(instances(inSeries))
                .extracting(QidoRow.Instance::instanceNumber)
                .containsExactly(1L, 2L, 4L, 30L);
        assertThat(studies(List.of()))
                .singleElement()
                .satisfies(study -> assertThat(study.referringPhysicianName()).isEqualTo("Other^Doc"));
        Optional<ImageSetSummary> summary = store.read(tx -> tx.imageSets().findSummary(imageSetId("1")));
        assertThat(summary).hasValueSatisfying(found -> {
            assertThat(found.patientName()).isEqualTo("Doe^Jane");
            assertThat(found.instanceCount()).isEqualTo(3);
        });
    }

    private boolean referenced(String blobKey) {
        return store.read(tx -> tx.imageSets().referencesBlob(blobKey));
    }

    private List<DocumentPart.Key> partKeys(String imageSetId, int after, int upTo) {
        return store.read(tx -> tx.imageSets().documentPartKeys(imageSetId, after, upTo));
    }

    private boolean recordWhole(String imageSetId, int version, String blobKey) {
        return store.write(tx -> tx.imageSets().recordWholeDocument(imageSetId, version, blobKey));
    }

    private Optional<VersionDocument> versionDocument(String imageSetId, int version) {
        return store.read(tx -> tx.imageSets().findVersion(imageSetId, version))
                .orElseThrow()
                .document();
    }

    private static StagedInstance staged(String id, int sequence, int frames) {
        List<StagedInstance.StagedFrame> written = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            written.add(new StagedInstance.StagedFrame(
                    id + "-f" + i, "frames/work-a/" + id + "-" + i, "image/jph", 100 + i));
        }
        return new StagedInstance(
                id,
                sequence,
                "part " + sequence,
                Optional.of("1.2.840.10008.5.1.4.1.1.2"),
                new ImageSetIdentity("P1", "9.9", "20240102", null, "S1", "1.1", "1"),
                new InstanceMetadata(
                        "1.1." + id,
                        "1.1",
                        bytes("{\"PatientID\":\"P1\"}"),
                        bytes("{}"),
                        bytes("{}"),
                        bytes("{\"DICOM\":{\"SOPInstanceUID\":\"1.1." + id + "\"},\"ImageFrames\":[]}")),
                written,
                Optional.of("kept as it arrived"));
    }

    private static DocumentPart part(String id, int version, int seq) {
        return new DocumentPart(
                id,
                version,
                seq,
                new InstanceMetadata(
                        "1.1." + id, "1.1", bytes("{}"), bytes("{}"), bytes("{}"), bytes("{\"n\":\"" + id + "\"}")));
    }

    private static ImageSetVersion version(String imageSetId, int number, VersionDocument document) {
        return new ImageSetVersion(
                imageSetId,
                number,
                ImageSetState.ACTIVE,
                WorkflowStatus.IMPORTED,
                Instant.EPOCH,
                Instant.EPOCH,
                Optional.empty(),
                Optional.empty(),
                false,
                true,
                Optional.of(document));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<QidoRow.Study> studies(List<QidoQuery.Match> matches) {
        QidoQuery query = new QidoQuery(id("q"), Optional.empty(), Optional.empty(), matches, 0, 10);
        return store.read(tx -> tx.imageSets().searchStudies(query));
    }

    private List<QidoRow.Series> series(QidoQuery query) {
        return store.read(tx -> tx.imageSets().searchSeries(query));
    }

    private List<QidoRow.Instance> instances(QidoQuery query) {
        return store.read(tx -> tx.imageSets().searchInstances(query));
    }

    private static String imageSetId(String letter) {
        return letter.repeat(32);
    }

    /** An image set of the study holding one series of {@code instances} instances numbered from 1. */
    private static void qidoImageSet(
            Transaction tx,
            String letter,
            long updatedMillis,
            boolean primary,
            ImageSetState state,
            String study,
            String series,
            String modality,
            String seriesNumber,
            String patientName,
            int instances) {
        Instant at = Instant.ofEpochMilli(updatedMillis);
        String id = imageSetId(letter);
        tx.imageSets()
                .insert(new ImageSet(
                        id,
                        id("q"),
                        at,
                        at,
                        1,
                        state,
                        WorkflowStatus.CREATED,
                        primary,
                        new ImageSetIdentity("P1", study, "20240102", "A1", "S1", series, seriesNumber)));
        tx.imageSets()
                .updateSummary(
                        id, new ImageSetSummary(patientName, null, null, null, null, 0, modality, null, 1, instances));
        List<DicomWebIndex.Instance> rows = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            rows.add(new DicomWebIndex.Instance(
                    series, series + "." + i, "1.2.840.10008.5.1.4.1.1.4", (long) i, 1L, 64, 64));
        }
        tx.imageSets()
                .updateDicomWebIndex(id, new DicomWebIndex("Ref^Doc", "desc", Long.parseLong(seriesNumber), rows));
    }

    private Optional<Datastore> find(String id) {
        return store.read(tx -> tx.datastores().find(id));
    }

    private SortedMap<String, String> tags(String arn) {
        return store.read(tx -> tx.tags().list(arn));
    }

    private Optional<IdempotencyRepository.Entry> token(String scope, String clientToken) {
        return store.read(tx -> tx.idempotency().find(scope, clientToken));
    }

    private int countNotDeleted() {
        return store.read(tx -> tx.datastores().countNotDeleted());
    }

    private List<String> ids(Optional<DatastoreStatus> status, Optional<Cursor> after, int limit) {
        return store.read(tx -> tx.datastores().listNewestFirst(status, after, limit)).stream()
                .map(Datastore::id)
                .toList();
    }

    protected static String id(String letter) {
        return letter.repeat(32);
    }

    /** An ACTIVE data store whose id is {@code letter} 32 times; other contracts' image sets and jobs need one. */
    static Datastore datastore(String letter, long createdMillis, DatastoreStatus status) {
        return datastore(letter, createdMillis, status, Optional.empty(), Optional.empty());
    }

    private static Datastore datastore(
            String letter, long createdMillis, DatastoreStatus status, Optional<String> kms, Optional<String> lambda) {
        Instant created = Instant.ofEpochMilli(createdMillis);
        return new Datastore(
                id(letter),
                "store-" + letter,
                status,
                kms,
                lambda,
                LosslessStorageFormat.HTJ2K,
                created,
                created.atZone(ZoneOffset.UTC).plusSeconds(1).toInstant());
    }
}
