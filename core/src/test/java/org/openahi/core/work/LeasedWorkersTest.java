package org.openahi.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.memory.MemoryCore;

/**
 * Leases on the in-memory ports: work a node claimed and then died holding waits for its lease to run out, is then
 * taken over by another node, and is given up once interrupted more often than allowed.
 */
class LeasedWorkersTest {
    private static final String SERIES = "1.3.12.2.1107.5.2.32.35131.2014031012481958900586557.0.0.0";
    private static final Duration PAST_A_LEASE = MemoryCore.LEASE.plusSeconds(1);

    private final MemoryCore core = new MemoryCore();
    private String ds;

    @BeforeEach
    void datastore() {
        ds = core.createDatastore();
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void anImportJobWhoseNodeDiedIsTakenOverOnceItsLeaseRunsOut() throws IOException {
        ImportJob job = core.startImport(ds, core.inputFolder(MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35")));
        long deadEpoch = claim(core.importJobWork, job.id(), "dead-node");

        assertThat(core.importJobWorkers.runClaimableNow())
                .as("the dead node's lease still holds")
                .isZero();
        assertThat(importJob(job.id()).status()).isEqualTo(ImportJobStatus.IN_PROGRESS);

        core.clock.advance(PAST_A_LEASE);
        assertThat(core.importJobWorkers.runClaimableNow()).isEqualTo(1);

        ImportJob done = importJob(job.id());
        assertThat(done.status()).isEqualTo(ImportJobStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        String key = core.importJobWork.leaseKey(job.id());
        assertThat(core.store.<Boolean>write(tx -> tx.leases()
                        .renew(
                                "import",
                                key,
                                "dead-node",
                                deadEpoch,
                                core.clock.instant().plus(MemoryCore.LEASE))))
                .as("the dead node, back, no longer holds it")
                .isFalse();
        assertThatThrownBy(() -> core.store.write(tx -> {
                    new Lease("import", key, "dead-node", deadEpoch).check(tx);
                    return null;
                }))
                .as("nor can it commit")
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("no longer held at epoch " + deadEpoch);
        assertThat(primary()).isPresent();
    }

    @Test
    void anImportJobInterruptedMoreOftenThanAllowedIsGivenUpWithoutImportingAnything() throws IOException {
        ImportJob job = core.startImport(ds, core.inputFolder(MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35")));
        for (int node = 1; node <= MemoryCore.MAX_ATTEMPTS; node++) {
            claim(core.importJobWork, job.id(), "dying-node-" + node);
            core.clock.advance(PAST_A_LEASE);
        }

        assertThat(core.importJobWorkers.runClaimableNow()).isEqualTo(1);

        ImportJob failed = importJob(job.id());
        assertThat(failed.status()).isEqualTo(ImportJobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(MemoryCore.MAX_ATTEMPTS + 1);
        assertThat(failed.message())
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith(FailureCode.INTERRUPTED.name() + ": ")
                        .contains("interrupted " + MemoryCore.MAX_ATTEMPTS + " times"));
        assertThat(primary()).isEmpty();
        assertThat(core.importJobWorkers.runClaimableNow())
                .as("a failed job is not taken again")
                .isZero();
    }

    @Test
    void imageSetWorkWhoseNodeDiedIsTakenOverOnceItsLeaseRunsOut() throws IOException {
        core.importFiles(ds, MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35"));
        ImageSet set = primary().orElseThrow();
        String edit = "{\"SchemaVersion\":\"1.1\",\"Study\":{\"DICOM\":{\"StudyDescription\":\"TAKEN OVER\"}}}";
        core.writes.update(
                ds, set.id(), "1", new ImageSetWrites.Edit(edit.getBytes(StandardCharsets.UTF_8), null), false, false);
        claim(core.imageSetWork, new PendingWork.Key(set.id(), 2), "dead-node");

        assertThat(core.imageSetWorkers.runClaimableNow()).isZero();
        core.clock.advance(PAST_A_LEASE);
        assertThat(core.imageSetWorkers.runClaimableNow()).isEqualTo(1);

        ImageSet updated =
                core.store.read(tx -> tx.imageSets().findById(set.id())).orElseThrow();
        assertThat(updated.workflowStatus()).isEqualTo(WorkflowStatus.UPDATED);
        assertThat(core.metadata(ds, set.id(), Optional.empty())
                        .at("/Study/DICOM/StudyDescription")
                        .asText())
                .isEqualTo("TAKEN OVER");
    }

    /** Claims the item's lease for {@code node} and starts a run, as a runner does before it dies; the epoch. */
    private <K> long claim(LeasedWork<K, ?> work, K item, String node) {
        Instant now = core.clock.instant();
        return core.store.write(tx -> {
            long epoch = tx.leases()
                    .claim(work.name(), work.leaseKey(item), node, now, now.plus(MemoryCore.LEASE))
                    .orElseThrow();
            assertThat(work.started(tx, item)).isTrue();
            return epoch;
        });
    }

    private Optional<ImageSet> primary() {
        return core.store.read(tx -> tx.imageSets().findPrimary(ds, SERIES));
    }

    private ImportJob importJob(String jobId) {
        return core.store.read(tx -> tx.importJobs().find(jobId)).orElseThrow();
    }
}
