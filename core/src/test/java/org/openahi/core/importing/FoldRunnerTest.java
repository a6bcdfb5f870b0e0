package org.openahi.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openahi.core.memory.MemoryBlobStore;
import org.openahi.core.memory.MemoryMetadataStore;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.TransactionBody;

/**
 * The fold thread outlives what fails in a fold, so nobody waits for a fold that will never come; an awaited instance
 * waits for the instances announced as being read, and shares their fold.
 */
class FoldRunnerTest {
    private static final Duration NEVER = Duration.ofDays(1);

    @Test
    void anAwaitedInstanceWaitsForThoseBeingReadAndSharesTheirFold() throws Exception {
        CountingStore store = new CountingStore();
        try (FoldRunner folds = new FoldRunner(
                store, new MemoryBlobStore(), Clock.systemUTC(), new FoldRunner.Settings(NEVER, NEVER, NEVER))) {
            folds.start();
            try (FoldRunner.Arrival arrival = folds.expect(2)) {
                CompletableFuture<FoldRunner.Folded> first =
                        arrival.submit(List.of("staged-1"), true).get(0);
                // A fold that did not wait would start now; whether this wait ends early or not, the check below holds
                // only when the fold waited for the second instance.
                store.firstWrite.await(200, TimeUnit.MILLISECONDS);
                CompletableFuture<FoldRunner.Folded> second =
                        arrival.submit(List.of("staged-2"), true).get(0);
                // Never staged here, so each fold finds them gone: what counts is that one fold took both.
                for (CompletableFuture<FoldRunner.Folded> folded : List.of(first, second)) {
                    assertThatThrownBy(() -> folded.get(1, TimeUnit.MINUTES)).hasMessageContaining("is gone");
                }
            }
            assertThat(store.writes).hasValue(1);
        }
    }

    @Test
    void anArrivalClosedWithoutItsInstancesNoLongerHoldsTheFold() throws Exception {
        CountingStore store = new CountingStore();
        try (FoldRunner folds = new FoldRunner(
                store, new MemoryBlobStore(), Clock.systemUTC(), new FoldRunner.Settings(NEVER, NEVER, NEVER))) {
            folds.start();
            CompletableFuture<FoldRunner.Folded> alone = submitAlone(folds, "staged-1");
            FoldRunner.Arrival failedToRead = folds.expect(1);
            CompletableFuture<FoldRunner.Folded> waiting = submitAlone(folds, "staged-2");
            failedToRead.close();
            for (CompletableFuture<FoldRunner.Folded> folded : List.of(alone, waiting)) {
                assertThatThrownBy(() -> folded.get(1, TimeUnit.MINUTES)).hasMessageContaining("is gone");
            }
        }
    }

    /** An awaited instance submitted through an arrival of its own. */
    private static CompletableFuture<FoldRunner.Folded> submitAlone(FoldRunner folds, String stagedId) {
        try (FoldRunner.Arrival arrival = folds.expect(1)) {
            return arrival.submit(List.of(stagedId), true).get(0);
        }
    }

    /**
     * The in-memory store, counting write transactions; when asked, its next write fails as one would with a document
     * larger than the heap.
     */
    private static final class CountingStore implements MetadataStore {
        private final MemoryMetadataStore memory = new MemoryMetadataStore();
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch firstWrite = new CountDownLatch(1);
        final AtomicBoolean failNextWrite = new AtomicBoolean();

        @Override
        public <T> T read(TransactionBody<T> work) {
            return memory.read(work);
        }

        @Override
        public <T> T write(TransactionBody<T> work) {
            writes.incrementAndGet();
            firstWrite.countDown();
            if (failNextWrite.getAndSet(false)) {
                throw new OutOfMemoryError("Java heap space");
            }
            return memory.write(work);
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    @Test
    void anErrorInAFoldFailsWhatItFoldedAndTheNextFoldRuns() throws Exception {
        CountingStore store = new CountingStore();
        store.failNextWrite.set(true);
        try (FoldRunner folds = new FoldRunner(
                store, new MemoryBlobStore(), Clock.systemUTC(), new FoldRunner.Settings(NEVER, NEVER))) {
            folds.start();
            CompletableFuture<FoldRunner.Folded> failed = submitAlone(folds, "staged-1");
            assertThatThrownBy(() -> failed.get(1, TimeUnit.MINUTES))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(OutOfMemoryError.class);

            // The thread lives on: the next instance is folded (here: found staged no more, since it never was).
            CompletableFuture<FoldRunner.Folded> next = submitAlone(folds, "staged-2");
            assertThatThrownBy(() -> next.get(1, TimeUnit.MINUTES))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("Staged instance staged-2 is gone");
            assertThat(store.failNextWrite).isFalse();
        }
    }
}
