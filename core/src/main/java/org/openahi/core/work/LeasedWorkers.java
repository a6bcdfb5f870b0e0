package org.openahi.core.work;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one kind of background work ({@link LeasedWork}) recorded in the metadata store on a bounded pool. Each item
 * is claimed with a lease the runner renews while it works, so in a scale-out deployment an item runs on one node,
 * and an item whose node died (or was killed) is taken over once its lease runs out — by another node or by this one
 * after a restart. Each claim raises the item's lease epoch and every commit of the item checks it ({@link Lease}),
 * so a runner that lost its lease (paused past it) stops at its next commit instead of committing after its
 * successor. An item interrupted more than {@code maxAttempts} times is given up as failed; an item that
 * ended has what its runs wrote and did not keep removed.
 *
 * @param <K> the key of a work item
 * @param <T> the item as recorded
 */
public final class LeasedWorkers<K, T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeasedWorkers.class);

    /**
     * How items run: the node's name (its leases' owner, with a suffix of this run), how many at once, lease length,
     * interrupted runs before giving up, polling interval.
     */
    public record Settings(String node, int parallelism, Duration lease, int maxAttempts, Duration pollInterval) {}

    private final String name;
    private final MetadataStore store;
    private final LeasedWork<K, T> kind;
    private final BlobCleanup cleanup;
    private final Clock clock;
    private final Settings settings;
    private final WorkMeter meter;
    private final String owner;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Map<K, Lease> running = new ConcurrentHashMap<>();

    public LeasedWorkers(
            LeasedWork<K, T> kind,
            MetadataStore store,
            BlobCleanup cleanup,
            Clock clock,
            Settings settings,
            WorkMeter meter) {
        this.name = kind.name();
        this.store = store;
        this.kind = kind;
        this.cleanup = cleanup;
        this.clock = clock;
        this.settings = settings;
        this.meter = meter;
        this.owner = settings.node() + "/" + Ids.newId().substring(0, 8);
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

    /** The kind's name ({@link LeasedWork#name}). */
    public String name() {
        return name;
    }

    /** Items this node is running now. */
    public int running() {
        return running.size();
    }

    /** Looks for work now rather than at the next poll. */
    public void wake() {
        try {
            scheduler.execute(this::claim);
        } catch (RejectedExecutionException e) {
            // closing: there is nothing more to claim (a check of isShutdown first would race with close)
        }
    }

    private void claim() {
        try {
            int free = settings.parallelism() - running.size();
            if (free <= 0) {
                return;
            }
            for (K candidate : candidates(free)) {
                if (running.size() >= settings.parallelism()) {
                    return; // new and taken-over candidates together may be more than the free workers
                }
                if (running.containsKey(candidate)) {
                    continue;
                }
                Optional<Lease> claimed = store.write(tx -> claim(tx, candidate));
                if (claimed.isPresent() && running.putIfAbsent(candidate, claimed.get()) == null) {
                    workers.execute(() -> run(candidate, claimed.get()));
                }
            }
        } catch (RuntimeException | Error e) {
            // An Error too: one escaping a task scheduled at a fixed delay would cancel it, silently, for good.
            LOG.error("Could not look for {} work", name, e);
        }
    }

    /** Up to {@code limit} items to try: new ones, and those whose lease ran out unreleased. */
    private List<K> candidates(int limit) {
        return store.read(tx -> {
            Instant now = clock.instant();
            Set<K> found = new LinkedHashSet<>(kind.unclaimed(tx, now, limit));
            tx.leases().claimable(name, now, limit).forEach(key -> found.add(kind.key(key)));
            return List.copyOf(found);
        });
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
            for (K candidate : candidates(settings.parallelism())) {
                Optional<Lease> claimed = store.write(tx -> claim(tx, candidate));
                if (claimed.isPresent()) {
                    took = true;
                    runOnce(candidate, claimed.get());
                    runs++;
                }
            }
        }
        return runs;
    }

    /** Claims the item's lease and starts a run of it, in one transaction; empty when it is not this node's to run. */
    private Optional<Lease> claim(Transaction tx, K item) {
        Instant now = clock.instant();
        String key = kind.leaseKey(item);
        OptionalLong epoch = tx.leases().claim(name, key, owner, now, now.plus(settings.lease()));
        if (epoch.isEmpty()) {
            return Optional.empty();
        }
        if (!kind.started(tx, item)) {
            tx.leases().release(name, key, epoch.getAsLong());
            return Optional.empty();
        }
        return Optional.of(new Lease(name, key, owner, epoch.getAsLong()));
    }

    private void run(K item, Lease lease) {
        try {
            runOnce(item, lease);
        } catch (LeaseLostException e) {
            LOG.warn("{} work {} stopped on this node: {}", name, item, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error(
                    "{} work {} failed unexpectedly; it will be taken up again when its lease runs out", name, item, e);
        } finally {
            running.remove(item, lease);
            wake();
        }
    }

    /**
     * One run of a claimed item, ending it (done, failed or given up) and releasing its lease unless the server is
     * stopping; a lease lost on the way stops it where it is, its successor's to finish.
     */
    private void runOnce(K key, Lease lease) {
        Optional<T> found = store.read(tx -> kind.find(tx, key));
        if (found.isPresent()) {
            T item = found.get();
            if (kind.takenOnBefore(item)) {
                meter.tookOver(name);
            }
            String outcome = "lost";
            try {
                outcome = runToItsEnd(key, item, lease);
            } finally {
                meter.ended(name, outcome);
            }
            if (outcome.equals("stopped")) {
                return;
            }
        }
        running.remove(key, lease); // before the release, so a renewal refused after it is not taken for a lost lease
        store.write(tx -> {
            tx.leases().release(name, lease.key(), lease.epoch());
            return null;
        });
        cleanUp(key);
    }

    /**
     * Runs the item; returns how the run ended: {@code done}, {@code failed}, {@code given_up} or {@code stopped}
     * (the server stops). A lost lease is thrown.
     */
    private String runToItsEnd(K key, T item, Lease lease) {
        try {
            if (kind.attempts(item) > settings.maxAttempts()) {
                kind.fail(item, lease, kind.givenUp(settings.maxAttempts()));
                return "given_up";
            }
            kind.run(item, lease);
            return "done";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped(key);
        } catch (Exception e) {
            Optional<LeaseLostException> lost = LeaseLostException.in(e);
            if (lost.isPresent()) {
                throw lost.get();
            } else if (Thread.currentThread().isInterrupted()) {
                return stopped(key);
            } else if (e instanceof WorkFailedException failed) {
                kind.fail(item, lease, failed.getMessage());
            } else {
                LOG.error("{} work {} failed", name, key, e);
                kind.fail(item, lease, kind.serverError(key, e));
            }
            return "failed";
        }
    }

    private String stopped(K key) {
        LOG.info("{} work {} stopped with the server; a server takes it over when its lease expires", name, key);
        cleanUp(key);
        return "stopped";
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
        running.forEach((item, lease) -> {
            try {
                Instant leaseEnd = clock.instant().plus(settings.lease());
                if (!store.write(tx -> tx.leases().renew(name, lease.key(), owner, lease.epoch(), leaseEnd))
                        && running.get(item) == lease) {
                    LOG.warn(
                            "{} work {} lost its lease (epoch {}) to another node; its next commit here is refused",
                            name,
                            item,
                            lease.epoch());
                }
            } catch (RuntimeException | Error e) {
                LOG.error("Could not renew the lease of {} work {}", name, item, e);
            }
        });
    }

    /** Stops taking work and waits for running items; those still running when it gives up resume elsewhere. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            // a look in flight would otherwise hand what it just claimed to a pool that refuses it
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn(
                        "A look for {} work still runs after 30 s; what it claims resumes when its lease runs out",
                        name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
