package org.openahi.core.work;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one kind of background work ({@link LeasedWork}) recorded in the metadata store on a bounded pool. Each item
 * is claimed with a lease the runner renews while it works, so in a scale-out deployment an item runs on one node,
 * and an item whose node died (or was killed) is taken over once its lease runs out — by another node or by this one
 * after a restart. An item interrupted more than {@code maxAttempts} times is given up as failed; an item that
 * ended has what its runs wrote and did not keep removed.
 *
 * @param <K> the key of a work item
 * @param <T> the item as recorded
 */
public final class LeasedWorkers<K, T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeasedWorkers.class);

    /** How items run: how many at once, lease length, interrupted runs before giving up, polling interval. */
    public record Settings(int parallelism, Duration lease, int maxAttempts, Duration pollInterval) {}

    private final String name;
    private final MetadataStore store;
    private final LeasedWork<K, T> kind;
    private final BlobCleanup cleanup;
    private final Clock clock;
    private final Settings settings;
    private final String owner = "node-" + Ids.newId();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Set<K> running = ConcurrentHashMap.newKeySet();

    public LeasedWorkers(
            LeasedWork<K, T> kind, MetadataStore store, BlobCleanup cleanup, Clock clock, Settings settings) {
        this.name = kind.name();
        this.store = store;
        this.kind = kind;
        this.cleanup = cleanup;
        this.clock = clock;
        this.settings = settings;
        this.workers = Executors.newFixedThreadPool(
                settings.parallelism(),
                Thread.ofPlatform().name("openahi-" + name + "-", 0).factory());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("openahi-" + name + "-scheduler")
                .daemon()
                .factory());
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::claim, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        long renew = Math.max(1, settings.lease().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::renew, renew, renew, TimeUnit.MILLISECONDS);
    }

    /** Looks for work now rather than at the next poll. */
    public void wake() {
        if (!scheduler.isShutdown()) {
            scheduler.execute(this::claim);
        }
    }

    private void claim() {
        try {
            int free = settings.parallelism() - running.size();
            if (free <= 0) {
                return;
            }
            List<K> candidates = store.read(tx -> kind.claimable(tx, clock.instant(), free));
            for (K candidate : candidates) {
                if (!running.contains(candidate) && take(candidate) && running.add(candidate)) {
                    workers.execute(() -> run(candidate));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not look for {} work", name, e);
        }
    }

    /** Claims the item for this node; false when another runner holds it. */
    private boolean take(K candidate) {
        Instant leaseEnd = clock.instant().plus(settings.lease());
        return store.write(tx -> kind.claim(tx, candidate, owner, clock.instant(), leaseEnd));
    }

    /**
     * Claims and runs, on the calling thread and one at a time, the items claimable now, then those that became so
     * meanwhile, until a look finds none it could take; returns how many runs it made. For tests, which then need no
     * pool and no waiting: each run is the one the pool would make.
     */
    public int runClaimableNow() {
        int runs = 0;
        boolean took = true;
        while (took) {
            took = false;
            for (K candidate : store.read(tx -> kind.claimable(tx, clock.instant(), settings.parallelism()))) {
                if (take(candidate)) {
                    took = true;
                    runOnce(candidate);
                    runs++;
                }
            }
        }
        return runs;
    }

    private void run(K item) {
        try {
            runOnce(item);
        } catch (RuntimeException e) {
            LOG.error(
                    "{} work {} failed unexpectedly; it will be taken up again when its lease runs out", name, item, e);
        } finally {
            running.remove(item);
            wake();
        }
    }

    /** One run of a claimed item, ending it (done, failed or given up) unless the server is stopping. */
    private void runOnce(K key) {
        Optional<T> found = store.read(tx -> kind.find(tx, key));
        if (found.isEmpty()) {
            return;
        }
        T item = found.get();
        try {
            if (kind.attempts(item) > settings.maxAttempts()) {
                kind.fail(item, kind.givenUp(settings.maxAttempts()));
            } else {
                kind.run(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped(key);
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                stopped(key);
            } else if (e instanceof WorkFailedException failed) {
                kind.fail(item, failed.getMessage());
            } else {
                LOG.error("{} work {} failed", name, key, e);
                kind.fail(item, kind.serverError(key, e));
            }
        } finally {
            cleanUp(key);
        }
    }

    private void stopped(K key) {
        LOG.info("{} work {} stopped with the server; a server takes it over when its lease expires", name, key);
    }

    /** Removes what an ended item (or an interrupted earlier run of it) wrote and left unreferenced. */
    private void cleanUp(K key) {
        try {
            if (store.read(tx -> kind.ended(tx, key))) {
                cleanup.cleanWork(kind.workId(key));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not clean up after {} work {}; the hourly cleanup will: {}", name, key, e.getMessage());
        }
    }

    private void renew() {
        for (K item : running) {
            try {
                Instant leaseEnd = clock.instant().plus(settings.lease());
                if (!store.write(tx -> kind.renew(tx, item, owner, leaseEnd))) {
                    LOG.debug("{} work {} is no longer held by this node", name, item);
                }
            } catch (RuntimeException e) {
                LOG.error("Could not renew the lease of {} work {}", name, item, e);
            }
        }
    }

    /** Stops taking work and waits for running items; those still running when it gives up resume elsewhere. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
