package org.openahi.core.work;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background work recorded in the metadata store on a bounded pool. Each item is claimed with a lease the
 * runner renews while it works, so in a scale-out deployment an item runs on one node, and an item whose node
 * died (or was killed) is taken over once its lease runs out — by another node or by this one after a restart.
 *
 * @param <K> the key of a work item
 */
public final class LeasedWorkers<K> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeasedWorkers.class);

  /** Where the items are and how they are claimed, inside metadata-store transactions. */
  public interface Queue<K> {
    /** Items nobody holds: new ones, and those whose lease ran out. */
    List<K> claimable(Transaction tx, Instant now, int limit);

    /** Takes an item for {@code owner} until {@code leaseExpiresAt}; false when another runner took it first. */
    boolean claim(Transaction tx, K item, String owner, Instant now, Instant leaseExpiresAt);

    /** Extends the lease; false when the item is no longer the owner's (or is done). */
    boolean renew(Transaction tx, K item, String owner, Instant leaseExpiresAt);
  }

  /** How items run: how many at once, lease length, polling interval. */
  public record Settings(int parallelism, Duration lease, Duration pollInterval) {
  }

  private final String name;
  private final MetadataStore store;
  private final Queue<K> queue;
  private final Consumer<K> work;
  private final Clock clock;
  private final Settings settings;
  private final String owner = "node-" + Ids.newId();
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final Set<K> running = ConcurrentHashMap.newKeySet();

  /** @param work runs one claimed item; it must record the item's end in the store (nothing is retried here) */
  public LeasedWorkers(String name, MetadataStore store, Queue<K> queue, Consumer<K> work, Clock clock,
                       Settings settings) {
    this.name = name;
    this.store = store;
    this.queue = queue;
    this.work = work;
    this.clock = clock;
    this.settings = settings;
    this.workers = Executors.newFixedThreadPool(settings.parallelism(),
        Thread.ofPlatform().name("openahi-" + name + "-", 0).factory());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("openahi-" + name + "-scheduler").daemon().factory());
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
      List<K> candidates = store.read(tx -> queue.claimable(tx, clock.instant(), free));
      for (K candidate : candidates) {
        if (running.contains(candidate)) {
          continue;
        }
        Instant leaseEnd = clock.instant().plus(settings.lease());
        boolean claimed = store.write(tx -> queue.claim(tx, candidate, owner, clock.instant(), leaseEnd));
        if (claimed && running.add(candidate)) {
          workers.execute(() -> run(candidate));
        }
      }
    } catch (RuntimeException e) {
      LOG.error("Could not look for {} work", name, e);
    }
  }

  private void run(K item) {
    try {
      work.accept(item);
    } catch (RuntimeException e) {
      LOG.error("{} work {} failed unexpectedly; it will be taken up again when its lease runs out", name, item, e);
    } finally {
      running.remove(item);
      wake();
    }
  }

  private void renew() {
    for (K item : running) {
      try {
        Instant leaseEnd = clock.instant().plus(settings.lease());
        if (!store.write(tx -> queue.renew(tx, item, owner, leaseEnd))) {
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
