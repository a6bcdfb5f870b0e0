package org.openahi.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openahi.core.memory.MemoryBlobStore;
import org.openahi.core.memory.MemoryMetadataStore;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.TransactionBody;

/** The fold thread outlives what fails in a fold, so nobody waits for a fold that will never come. */
class FoldRunnerTest {

    @Test
    void anErrorInAFoldFailsWhatItFoldedAndTheNextFoldRuns() throws Exception {
        MemoryMetadataStore memory = new MemoryMetadataStore();
        AtomicBoolean failNextWrite = new AtomicBoolean(true);
        // The in-memory store, whose next write fails as one would with a document larger than the heap.
        MetadataStore store = new MetadataStore() {
            @Override
            public <T> T read(TransactionBody<T> work) {
                return memory.read(work);
            }

            @Override
            public <T> T write(TransactionBody<T> work) {
                if (failNextWrite.getAndSet(false)) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return memory.write(work);
            }

            @Override
            public void close() {
                memory.close();
            }
        };
        Duration never = Duration.ofDays(1);
        try (FoldRunner folds = new FoldRunner(
                store, new MemoryBlobStore(), Clock.systemUTC(), new FoldRunner.Settings(never, never))) {
            folds.start();
            CompletableFuture<FoldRunner.Folded> failed =
                    folds.submit(List.of("staged-1"), true).get(0);
            assertThatThrownBy(() -> failed.get(1, TimeUnit.MINUTES))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(OutOfMemoryError.class);

            // The thread lives on: the next instance is folded (here: found staged no more, since it never was).
            CompletableFuture<FoldRunner.Folded> next =
                    folds.submit(List.of("staged-2"), true).get(0);
            assertThatThrownBy(() -> next.get(1, TimeUnit.MINUTES))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("Staged instance staged-2 is gone");
            assertThat(failNextWrite).isFalse();
        }
    }
}
