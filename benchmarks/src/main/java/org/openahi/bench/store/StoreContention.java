package org.openahi.bench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.store.MetadataStore;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;

/**
 * Stall check of the metadata store on its own: THREADS virtual threads (one per request, as the server runs them)
 * read the embedded SQLite store (or the empty database a JDBC URL names: PostgreSQL's pool starts small and grows
 * under this load, the one time a read waits inside HikariCP) in a closed loop for SECONDS, each read a short
 * transaction (ListDatastores' query);
 * prints the reads' latency as p50 / p99 / p99.9 / max. The work is the same for every read, so a max far above p99.9
 * is a read that waited for something other than its own work — a connection handed to later arrivals first.
 *
 *   java -cp benchmarks/target/benchmarks.jar org.openahi.bench.store.StoreContention [THREADS] [SECONDS] [JDBC_URL]
 */
public final class StoreContention {
    private StoreContention() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path work = Files.createTempDirectory("openahi-store-contention-");
        String url = args.length > 2 ? args[2] : "jdbc:sqlite:" + work.resolve("openahi.db");
        try (MetadataStore store = JdbcMetadataStore.open(JdbcSettings.of(url))) {
            store.write(tx -> {
                for (int i = 0; i < 10; i++) {
                    tx.datastores()
                            .insert(new Datastore(
                                    String.format("%032d", i),
                                    "store-" + i,
                                    DatastoreStatus.ACTIVE,
                                    Optional.empty(),
                                    Optional.empty(),
                                    LosslessStorageFormat.HTJ2K,
                                    Instant.EPOCH,
                                    Instant.EPOCH));
                }
                return null;
            });
            ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
            java.util.Map<Thread, Long> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
                while (System.nanoTime() < end) {
                    long now = System.nanoTime();
                    if (inFlight.values().stream().anyMatch(started -> now - started > 1_000_000_000L)) {
                        try {
                            Path dump = Path.of("/tmp/store-contention-threads.json");
                            Files.deleteIfExists(dump);
                            java.lang.management.ManagementFactory.getPlatformMXBean(
                                            com.sun.management.HotSpotDiagnosticMXBean.class)
                                    .dumpThreads(
                                            dump.toString(),
                                            com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                            System.out.println("a read in flight for over 1 s: threads dumped to " + dump);
                        } catch (Exception e) {
                            e.printStackTrace();
                        }
                        return;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    requests.execute(() -> {
                        long[] latencies = new long[4096];
                        int count = 0;
                        while (System.nanoTime() < end) {
                            long started = System.nanoTime();
                            inFlight.put(Thread.currentThread(), started);
                            store.read(tx -> tx.datastores().listNewestFirst(Optional.empty(), Optional.empty(), 50));
                            inFlight.remove(Thread.currentThread());
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = System.nanoTime() - started;
                        }
                        all.add(Arrays.copyOf(latencies, count));
                    });
                }
            }
            watchdog.interrupt();
            long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf(
                    "StoreContention: %d virtual threads, %d s: %d reads, p50 %.3f ms, p99 %.3f ms, "
                            + "p99.9 %.3f ms, max %.3f ms%n",
                    threads,
                    seconds,
                    sorted.length,
                    millis(sorted, 0.5),
                    millis(sorted, 0.99),
                    millis(sorted, 0.999),
                    sorted[sorted.length - 1] / 1e6);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double millis(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[index] / 1e6;
    }
}
