package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openahi.core.exporting.ExportJob;
import org.openahi.core.exporting.ExportJobStatus;
import org.openahi.core.exporting.ExportProgress;
import org.openahi.core.exporting.ExportSelection;
import org.openahi.core.store.TransactionBody;

/** The behaviour every {@link org.openahi.core.exporting.ExportJobRepository} must show. */
public abstract class ExportJobContract extends MetadataStoreFixture {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.250Z");

    @Test
    void aJobRoundTripsAndIsStartedProgressedAndFinished() {
        ExportJob study = job("a", ExportSelection.study("1.2.3"), Optional.empty());
        ExportJob sets = job("b", ExportSelection.imageSets(List.of("x1", "x2")), Optional.of("1.2.840.10008.1.2.1"));
        write(tx -> {
            tx.exports().insert(study);
            tx.exports().insert(sets);
            return null;
        });
        assertThat(find("a")).contains(study);
        assertThat(find("b")).contains(sets);
        assertThat(find("z")).isEmpty();
        assertThat(submitted()).containsExactly("a", "b");

        assertThat(done(tx -> tx.exports().start("a"))).isTrue();
        assertThat(submitted()).containsExactly("b");
        assertThat(find("a").orElseThrow().status()).isEqualTo(ExportJobStatus.IN_PROGRESS);
        write(tx -> {
            tx.exports().updateProgress("a", new ExportProgress(10, 7, 1));
            tx.exports().finish("a", ExportJobStatus.COMPLETED, T0.plusSeconds(5), Optional.of("1 of 10 failed"));
            return null;
        });
        ExportJob done = find("a").orElseThrow();
        assertThat(done.status()).isEqualTo(ExportJobStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done(tx -> tx.exports().start("a"))).isFalse(); // it ended
        assertThat(done.progress()).isEqualTo(new ExportProgress(10, 7, 1));
        assertThat(done.endedAt()).contains(T0.plusSeconds(5));
        assertThat(done.message()).contains("1 of 10 failed");
        assertThat(submitted()).containsExactly("b");
    }

    private static ExportJob job(String id, ExportSelection selection, Optional<String> syntax) {
        return new ExportJob(
                id,
                "ds1",
                ExportJobStatus.SUBMITTED,
                selection,
                syntax,
                "file:///out/ds1-DicomExport-" + id + "/",
                T0,
                Optional.empty(),
                Optional.empty(),
                0,
                ExportProgress.NONE);
    }

    private Optional<ExportJob> find(String id) {
        return store.read(tx -> tx.exports().find(id));
    }

    private List<String> submitted() {
        return store.read(tx -> tx.exports().submitted(10));
    }

    private boolean done(TransactionBody<Boolean> work) {
        return store.write(work);
    }
}
