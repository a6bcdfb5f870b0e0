package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.importing.FileFailure;
import org.openahi.core.importing.FileOutcome;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.ImportProgress;
import org.openahi.core.importing.MetadataMapping;
import org.openahi.core.metadata.AppliedOverride;
import org.openahi.core.metadata.MetadataLevel;
import org.openahi.core.page.Cursor;

/** What every {@link org.openahi.core.importing.ImportJobRepository} must do with jobs and their files' outcomes. */
public abstract class ImportJobContract extends MetadataStoreFixture {
    private static final String DS = "a".repeat(32);
    private static final String OTHER_DS = "b".repeat(32);

    @BeforeEach
    void twoDatastores() {
        write(tx -> {
            tx.datastores().insert(MetadataStoreContract.datastore("a", 1000, DatastoreStatus.ACTIVE));
            tx.datastores().insert(MetadataStoreContract.datastore("b", 1000, DatastoreStatus.ACTIVE));
            return null;
        });
    }

    @Test
    void jobsRoundTripAreListedNewestFirstAndCountedUntilFinished() {
        ImportJob first = job("j1", DS, 1000, ImportJobStatus.SUBMITTED);
        ImportJob completed = job("j2", DS, 2000, ImportJobStatus.COMPLETED);
        ImportJob running = job("j3", DS, 2000, ImportJobStatus.IN_PROGRESS);
        ImportJob elsewhere = job("j4", OTHER_DS, 3000, ImportJobStatus.SUBMITTED);
        write(tx -> {
            List.of(first, completed, running, elsewhere).forEach(tx.importJobs()::insert);
            return null;
        });
        assertThat(this.<Optional<ImportJob>>read(tx -> tx.importJobs().find("j2")))
                .contains(completed);
        assertThat(this.<Optional<ImportJob>>read(tx -> tx.importJobs().find("none")))
                .isEmpty();

        assertThat(list(Optional.empty(), Optional.empty(), 10)).containsExactly("j3", "j2", "j1");
        assertThat(list(Optional.of(ImportJobStatus.SUBMITTED), Optional.empty(), 10))
                .containsExactly("j1");
        assertThat(list(Optional.empty(), Optional.of(new Cursor(2000, "j3")), 10))
                .containsExactly("j2", "j1");
        assertThat(list(Optional.empty(), Optional.empty(), 1)).containsExactly("j3");
        assertThat(this.<Integer>read(tx -> tx.importJobs().countUnfinished(DS)))
                .isEqualTo(2);
        assertThat(this.<Set<String>>read(tx -> tx.importJobs().unfinishedIds()))
                .containsExactlyInAnyOrder("j1", "j3", "j4");

        write(tx -> {
            tx.importJobs().updateProgress("j1", new ImportProgress(5, 3, 1), Optional.of("3 of 5 so far"));
            tx.importJobs().setOutputsPending("j1", true);
            return null;
        });
        ImportJob progressed = read(tx -> tx.importJobs().find("j1")).orElseThrow();
        assertThat(progressed.progress()).isEqualTo(new ImportProgress(5, 3, 1));
        assertThat(progressed.message()).contains("3 of 5 so far");
        assertThat(progressed.outputsPending()).isTrue();

        write(tx -> {
            tx.importJobs().finish("j1", ImportJobStatus.FAILED, Instant.ofEpochMilli(9000), Optional.of("gone"));
            tx.importJobs().setOutputsPending("j1", false);
            return null;
        });
        ImportJob finished = read(tx -> tx.importJobs().find("j1")).orElseThrow();
        assertThat(finished.status()).isEqualTo(ImportJobStatus.FAILED);
        assertThat(finished.endedAt()).contains(Instant.ofEpochMilli(9000));
        assertThat(finished.message()).contains("gone");
        assertThat(finished.outputsPending()).isFalse();
        assertThat(finished.progress()).isEqualTo(new ImportProgress(5, 3, 1));
        assertThat(this.<Integer>read(tx -> tx.importJobs().countUnfinished(DS)))
                .isEqualTo(1);
    }

    @Test
    void filesOutcomesAreReadBackInSequenceOrder() {
        FileOutcome success = FileOutcome.success("in/a.dcm", "s".repeat(32), 2, true);
        FileOutcome failure = FileOutcome.failure("in/b.dcm", FileFailure.INVALID_FILE, "not DICOM");
        FileOutcome tooLarge = FileOutcome.failure("in/c.dcm", FileFailure.TOO_LARGE, "too large");
        FileOutcome warning = FileOutcome.warning("in/d.dcm", "t".repeat(32), 1, false, "kept as it arrived")
                .withOverrides(List.of(new AppliedOverride(
                        "mapping.json",
                        MetadataLevel.PATIENT,
                        "PatientName",
                        Optional.of(TextNode.valueOf("Old^Name")),
                        TextNode.valueOf("New^Name"))));
        write(tx -> {
            tx.importJobs().insert(job("j1", DS, 1000, ImportJobStatus.IN_PROGRESS));
            tx.importJobs().insert(job("j2", DS, 2000, ImportJobStatus.IN_PROGRESS));
            tx.importJobs().insertOutcome("j1", 2, warning);
            tx.importJobs().insertOutcome("j1", 0, success);
            tx.importJobs().insertOutcome("j1", 1, failure);
            tx.importJobs().insertOutcome("j2", 0, tooLarge);
            return null;
        });
        assertThat(this.<List<FileOutcome>>read(tx -> tx.importJobs().outcomes("j1")))
                .containsExactly(success, failure, warning);
        assertThat(this.<List<FileOutcome>>read(tx -> tx.importJobs().outcomes("j2")))
                .containsExactly(tooLarge);
        assertThat(this.<List<FileOutcome>>read(tx -> tx.importJobs().outcomes("j3")))
                .isEmpty();
    }

    @Test
    void submittedJobsAreListedOldestFirstAndEachRunStartsThemAgainUntilTheyEnd() {
        write(tx -> {
            tx.importJobs().insert(job("j1", DS, 2000, ImportJobStatus.SUBMITTED));
            tx.importJobs().insert(job("j2", OTHER_DS, 1000, ImportJobStatus.SUBMITTED));
            tx.importJobs().insert(job("j3", DS, 500, ImportJobStatus.COMPLETED));
            return null;
        });
        assertThat(this.<List<String>>read(tx -> tx.importJobs().submitted(10))).containsExactly("j2", "j1");
        assertThat(this.<List<String>>read(tx -> tx.importJobs().submitted(1))).containsExactly("j2");

        assertThat(this.<Boolean>write(tx -> tx.importJobs().start("j1"))).isTrue();
        ImportJob running =
                this.<Optional<ImportJob>>read(tx -> tx.importJobs().find("j1")).orElseThrow();
        assertThat(running.status()).isEqualTo(ImportJobStatus.IN_PROGRESS);
        assertThat(running.attempts()).isEqualTo(1);
        assertThat(this.<List<String>>read(tx -> tx.importJobs().submitted(10))).containsExactly("j2");
        assertThat(this.<Boolean>write(tx -> tx.importJobs().start("j1")))
                .as("a run after an interrupted one")
                .isTrue();
        assertThat(this.<Optional<ImportJob>>read(tx -> tx.importJobs().find("j1")))
                .hasValueSatisfying(job -> assertThat(job.attempts()).isEqualTo(2));

        assertThat(this.<Boolean>write(tx -> tx.importJobs().start("j3")))
                .as("a job that ended takes no run")
                .isFalse();
        assertThat(this.<Boolean>write(tx -> tx.importJobs().start("none"))).isFalse();
    }

    private List<String> list(Optional<ImportJobStatus> status, Optional<Cursor> after, int limit) {
        return read(tx -> tx.importJobs().listNewestFirst(DS, status, after, limit)).stream()
                .map(ImportJob::id)
                .toList();
    }

    private static ImportJob job(String id, String datastoreId, long submittedMillis, ImportJobStatus status) {
        boolean ended = status == ImportJobStatus.COMPLETED;
        return new ImportJob(
                id,
                datastoreId,
                "job " + id,
                status,
                "arn:aws:iam::123456789012:role/import",
                "s3://in/" + id + "/",
                "s3://out/" + datastoreId + "-DicomImport-" + id + "/",
                Optional.of("123456789012"),
                Instant.ofEpochMilli(submittedMillis),
                ended ? Optional.of(Instant.ofEpochMilli(submittedMillis + 500)) : Optional.empty(),
                ended ? Optional.of("done") : Optional.empty(),
                status == ImportJobStatus.SUBMITTED ? 0 : 1,
                false,
                ended ? new ImportProgress(2, 2, 0) : ImportProgress.NONE,
                List.of(new MetadataMapping("1.2.3", Optional.of("1.2.3.4"), "mappings/" + id + ".json")));
    }
}
