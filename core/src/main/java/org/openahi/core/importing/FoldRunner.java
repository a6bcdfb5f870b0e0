package org.openahi.core.importing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.imageset.DocumentPart;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds staged instances into image sets in the background ({@link ImportCommit#fold}). One thread folds everything
 * ready when it is free, in one transaction (group commit): writers to one series at the same moment share a
 * version, and nobody waits for a fixed window — the window is the previous fold's duration, and a fold takes at
 * most {@link #MAX_BATCH} instances. An instance somebody awaits (a STOW-RS request) is folded at once, unless others
 * are still being read ({@link #expect}): then it waits for them, up to {@link #GATHER}; one already acknowledged (a
 * DIMSE C-STORE) lingers up to {@link #LINGER} so a burst lands in one version. A series whose image
 * set is LOCKED is retried every {@link #DEFERRED_RETRY}. Instances a stopped server staged but did not fold are
 * found once older than the lease and folded here, so an acknowledged instance is never lost; the transaction that
 * folds an instance removes it from staging, so it is folded once even when two servers try.
 */
public final class FoldRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FoldRunner.class);
    static final int MAX_BATCH = 1000;
    static final Duration LINGER = Duration.ofMillis(100);
    /**
     * How long an awaited instance waits, by default, for instances still being read, so that concurrent requests
     * share a fold: its transaction, its commit and its version (at 4 clients storing one instance each, 1,000
     * instances made 873 versions without it). Reading and staging an instance takes milliseconds; a client alone
     * never waits.
     */
    static final Duration GATHER = Duration.ofMillis(20);

    static final Duration DEFERRED_RETRY = Duration.ofMillis(250);
    private static final Duration FAILED_RETRY = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /**
     * @param orphanAge how long a staged instance waits before any server folds it (its own server folds it at once)
     * @param pollInterval how often staging is searched for such instances
     * @param gather how long an awaited instance waits for instances still being read ({@link #GATHER})
     */
    public record Settings(Duration orphanAge, Duration pollInterval, Duration gather) {
        public Settings(Duration orphanAge, Duration pollInterval) {
            this(orphanAge, pollInterval, GATHER);
        }
    }

    /** Where an instance was folded. */
    public record Folded(String imageSetId, int version, boolean primary) {}

    private static final class Pending {
        final String id;
        final CompletableFuture<Folded> folded = new CompletableFuture<>();
        final boolean awaited;
        final long queuedAt;
        long notBefore;

        Pending(String id, boolean awaited, long now) {
            this.id = id;
            this.awaited = awaited;
            this.queuedAt = now;
            this.notBefore = now;
        }

        boolean ready(long now, boolean closing) {
            return now >= notBefore && (closing || now >= readyAt());
        }

        long readyAt() {
            return awaited ? notBefore : Math.max(notBefore, queuedAt + LINGER.toNanos());
        }
    }

    /** Instances being read that will be submitted through it, or given up when it closes ({@link #expect}). */
    public final class Arrival implements AutoCloseable {
        private int expected;

        private Arrival(int expected) {
            this.expected = expected;
        }

        /**
         * Queues staged instances this arrival announced to be folded.
         *
         * @param awaited whether a caller waits for them (folded at once) rather than having acknowledged them already
         * @return for each id, in order, what completes once it is folded; exceptionally when it could not be (an
         *     awaited instance is then removed from staging, with its frames)
         */
        List<CompletableFuture<Folded>> submit(List<String> stagedIds, boolean awaited) {
            return FoldRunner.this.submit(stagedIds, awaited, this);
        }

        /** Gives up the announced instances not submitted. */
        @Override
        public void close() {
            lock.lock();
            try {
                arriving -= expected;
                expected = 0;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private final MetadataStore store;
    private final BlobStore blobs;
    private final DocumentBlobs documents;
    private final Clock clock;
    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Thread thread;
    private boolean closing;
    private long nextSweep;
    private int arriving;

    public FoldRunner(MetadataStore store, BlobStore blobs, Clock clock, Settings settings) {
        this.store = store;
        this.blobs = blobs;
        this.documents = new DocumentBlobs(blobs);
        this.clock = clock;
        this.settings = settings;
        this.thread = Thread.ofPlatform().name("openahi-fold").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /**
     * Announces {@code count} instances about to be read, staged and submitted through the arrival returned, which
     * the caller closes once they are submitted or given up: a fold of awaited instances waits for them.
     */
    Arrival expect(int count) {
        lock.lock();
        try {
            arriving += count;
            return new Arrival(count);
        } finally {
            lock.unlock();
        }
    }

    private List<CompletableFuture<Folded>> submit(List<String> stagedIds, boolean awaited, Arrival arrival) {
        List<CompletableFuture<Folded>> futures = new ArrayList<>();
        lock.lock();
        try {
            int arrived = Math.min(arrival.expected, stagedIds.size());
            arrival.expected -= arrived;
            arriving -= arrived;
            long now = System.nanoTime();
            for (String id : stagedIds) {
                Pending item = new Pending(id, awaited, now);
                pending.put(id, item);
                futures.add(item.folded);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return futures;
    }

    private void run() {
        while (true) {
            List<Pending> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return;
            }
            if (!batch.isEmpty()) {
                fold(batch);
            }
        }
    }

    /**
     * Waits for work and takes what is ready, at most {@link #MAX_BATCH}, once no instance being read is to join it
     * ({@link #GATHER}); empty when a sweep for orphans is due; null once closing with nothing ready (what is left
     * stays staged for the next start).
     */
    private List<Pending> nextBatch() throws InterruptedException {
        sweepIfDue();
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                List<Pending> ready = new ArrayList<>();
                long wake = nextSweep;
                for (Pending item : pending.values()) {
                    if (item.ready(now, closing)) {
                        ready.add(item);
                        if (ready.size() == MAX_BATCH) {
                            break;
                        }
                    } else {
                        wake = Math.min(wake, item.readyAt());
                    }
                }
                long gatherUntil = gatherUntil(ready);
                if (!ready.isEmpty() && (closing || arriving == 0 || now >= gatherUntil || ready.size() == MAX_BATCH)) {
                    return ready;
                }
                if (!ready.isEmpty()) {
                    changed.awaitNanos(gatherUntil - now);
                    continue;
                }
                if (closing) {
                    return null;
                }
                if (now >= nextSweep) {
                    return List.of();
                }
                changed.awaitNanos(Math.max(1, wake - now));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Until when the ready instances wait for those being read: the gather time after the first awaited one came. */
    private long gatherUntil(List<Pending> ready) {
        long gather = settings.gather().toNanos();
        long until = Long.MIN_VALUE;
        for (Pending item : ready) {
            if (item.awaited) {
                until = until == Long.MIN_VALUE ? item.queuedAt + gather : Math.min(until, item.queuedAt + gather);
            }
        }
        return until;
    }

    /** Queues the instances staged longer ago than the orphan age that no fold here is handling. */
    private void sweepIfDue() {
        long now = System.nanoTime();
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + settings.pollInterval().toNanos();
        List<String> orphans;
        try {
            Instant before = clock.instant().minus(settings.orphanAge());
            orphans = store.read(tx -> tx.staging().stagedBefore(before, MAX_BATCH));
        } catch (RuntimeException e) {
            LOG.warn("Could not look for staged instances left unfolded: {}", e.toString());
            return;
        }
        lock.lock();
        try {
            for (String id : orphans) {
                pending.computeIfAbsent(id, unknown -> new Pending(unknown, false, now - LINGER.toNanos()));
            }
        } finally {
            lock.unlock();
        }
    }

    /** What one fold transaction did. */
    private record Outcome(
            Map<String, Folded> folded, Set<String> deferred, Set<String> missing, List<String> supersededBlobs) {}

    private void fold(List<Pending> batch) {
        List<String> ids = batch.stream().map(item -> item.id).toList();
        Outcome outcome;
        try {
            outcome = store.write(tx -> foldStaged(tx, ids));
        } catch (RuntimeException | Error e) {
            // An Error too (a document larger than the heap, a stack overflow): the fold thread must live on, or every
            // instance staged after it would wait for a fold forever.
            if (batch.size() > 1) {
                LOG.warn("Folding {} staged instances failed, folding them one by one: {}", batch.size(), e.toString());
                batch.forEach(item -> fold(List.of(item)));
            } else {
                failed(batch.get(0), e);
            }
            return;
        }
        for (String blob : outcome.supersededBlobs()) {
            deleteQuietly(blob);
        }
        long now = System.nanoTime();
        lock.lock();
        try {
            for (Pending item : batch) {
                Folded folded = outcome.folded().get(item.id);
                if (folded != null) {
                    pending.remove(item.id);
                    item.folded.complete(folded);
                } else if (outcome.deferred().contains(item.id)) {
                    item.notBefore = now + DEFERRED_RETRY.toNanos();
                } else {
                    pending.remove(item.id);
                }
            }
        } finally {
            lock.unlock();
        }
        for (Pending item : batch) {
            if (outcome.missing().contains(item.id)) {
                foldedElsewhere(item);
            }
        }
    }

    private Outcome foldStaged(Transaction tx, List<String> ids) {
        Map<String, List<StagedInstance>> byDatastore = new LinkedHashMap<>();
        for (StagingRepository.Staged staged : tx.staging().find(ids)) {
            byDatastore
                    .computeIfAbsent(staged.datastoreId(), id -> new ArrayList<>())
                    .add(staged.instance());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Folded> folded = new HashMap<>();
        Set<String> deferred = new HashSet<>();
        List<String> supersededBlobs = new ArrayList<>();
        for (Map.Entry<String, List<StagedInstance>> datastore : byDatastore.entrySet()) {
            ImportCommit.Result result =
                    ImportCommit.fold(tx, documents, datastore.getKey(), datastore.getValue(), now);
            for (ImportCommit.Committed done : result.committed()) {
                Set<String> kept = new HashSet<>();
                ImportCommit.latestPerSopInstance(done.target()).forEach(instance -> kept.add(instance.id()));
                for (StagedInstance instance : done.target().instances()) {
                    folded.put(
                            instance.id(),
                            new Folded(
                                    done.target().imageSetId(),
                                    done.version(),
                                    done.target().primary()));
                    if (!kept.contains(instance.id())) {
                        instance.frames().forEach(frame -> supersededBlobs.add(frame.blobKey()));
                    }
                }
            }
            result.deferred().forEach(instance -> deferred.add(instance.id()));
        }
        tx.staging().delete(folded.keySet());
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(folded.keySet());
        missing.removeAll(deferred);
        return new Outcome(folded, deferred, missing, supersededBlobs);
    }

    /** An instance no longer staged: another server (or an earlier fold here) folded it, or it was given up. */
    private void foldedElsewhere(Pending item) {
        try {
            Optional<DocumentPart.Location> location =
                    store.read(tx -> tx.imageSets().findDocumentPart(item.id));
            Optional<Boolean> primary = location.flatMap(
                            at -> store.read(tx -> tx.imageSets().findById(at.imageSetId())))
                    .map(imageSet -> imageSet.primary());
            if (location.isPresent() && primary.isPresent()) {
                item.folded.complete(
                        new Folded(location.get().imageSetId(), location.get().version(), primary.get()));
            } else {
                item.folded.completeExceptionally(new IllegalStateException("Staged instance " + item.id + " is gone"));
            }
        } catch (RuntimeException e) {
            item.folded.completeExceptionally(e);
        }
    }

    /**
     * An instance that cannot be folded on its own. One a caller awaits is removed from staging with its frames and
     * reported failed, so it leaves no trace; one already acknowledged stays staged and is retried later.
     */
    private void failed(Pending item, Throwable e) {
        if (!item.awaited) {
            LOG.error("Staged instance {} could not be folded; retrying in {} s", item.id, FAILED_RETRY.toSeconds(), e);
            lock.lock();
            try {
                item.notBefore = System.nanoTime() + FAILED_RETRY.toNanos();
            } finally {
                lock.unlock();
            }
            return;
        }
        LOG.error("Staged instance {} could not be folded; it is removed and reported failed", item.id, e);
        try {
            List<String> frames = store.write(tx -> {
                List<String> keys = new ArrayList<>();
                tx.staging()
                        .find(List.of(item.id))
                        .forEach(staged -> staged.instance().frames().forEach(frame -> keys.add(frame.blobKey())));
                tx.staging().delete(List.of(item.id));
                return keys;
            });
            frames.forEach(this::deleteQuietly);
        } catch (RuntimeException cleanup) {
            e.addSuppressed(cleanup);
        }
        lock.lock();
        try {
            pending.remove(item.id);
        } finally {
            lock.unlock();
        }
        item.folded.completeExceptionally(e);
    }

    private void deleteQuietly(String blob) {
        try {
            blobs.delete(blob);
        } catch (IOException e) {
            // Left for the blob cleanup.
        }
    }

    /** Folds what is queued, then stops; what is still staged is folded after a restart. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
