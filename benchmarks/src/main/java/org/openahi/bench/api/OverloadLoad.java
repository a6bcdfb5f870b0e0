package org.openahi.bench.api;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Load shedding under overload (issue 17): a cheap operation (GetDatastore) from a few clients while many more clients
 * ask for an expensive one (a WADO-RS frame decoded to native pixels, on the data store {@link HistorySeed} makes) far
 * beyond what the server works on at once. Both run at the same time; the table gives the cheap operation's latency
 * (the goal: p99 under 100 ms) and how much of the expensive load was shed (non-200 answers: 503 with Retry-After
 * from the admission bound, or 429 from throttling).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.OverloadLoad http://127.0.0.1:8080 \
 *     [--cheap-concurrency 4] [--expensive-concurrency 256] [--seconds 30] [--warmup 10]</pre>
 */
public final class OverloadLoad {
    private static final double P99_GOAL_MILLIS = 100;

    private OverloadLoad() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int cheapConcurrency = 4;
        int expensiveConcurrency = 256;
        int seconds = 30;
        int warmup = 10;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--cheap-concurrency" -> cheapConcurrency = Integer.parseInt(args[i + 1]);
                case "--expensive-concurrency" -> expensiveConcurrency = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        SignedRequests requests = new SignedRequests(endpoint);
        InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        Workload cheap;
        Workload expensive;
        try (MedicalImagingClient client = BenchClients.medicalImaging(endpoint)) {
            cheap = DatastoreWorkloads.of(client, requests, "GetDatastore", 10);
            expensive = DicomWebWorkloads.of(client, requests).stream()
                    .filter(workload -> workload.what().startsWith("one frame decoded"))
                    .findFirst()
                    .orElseThrow();
        }
        EventLoopClient cheapClient = new EventLoopClient(address, cheap.requests());
        EventLoopClient expensiveClient = new EventLoopClient(address, expensive.requests());
        ExecutorService loops = Executors.newFixedThreadPool(2);
        try {
            both(
                    loops,
                    cheapClient,
                    cheapConcurrency,
                    expensiveClient,
                    expensiveConcurrency,
                    Duration.ofSeconds(warmup));
            EventLoopClient.Result[] results = both(
                    loops,
                    cheapClient,
                    cheapConcurrency,
                    expensiveClient,
                    expensiveConcurrency,
                    Duration.ofSeconds(seconds));
            System.out.println(
                    "| operation | request | concurrency | requests | throughput (req/s) | p50 (ms) | p99 (ms) "
                            + "| max (ms) | not 200 (shed) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            row(cheap, cheapConcurrency, results[0]);
            row(expensive, expensiveConcurrency, results[1]);
            double p99 = results[0].percentileMillis(0.99);
            System.out.printf(
                    "%n%s p99 %.1f ms with %s at concurrency %d alongside: %s (goal < %.0f ms)%n",
                    cheap.operation(),
                    p99,
                    expensive.operation(),
                    expensiveConcurrency,
                    p99 < P99_GOAL_MILLIS ? "met" : "NOT met",
                    P99_GOAL_MILLIS);
        } finally {
            loops.shutdownNow();
        }
    }

    private static EventLoopClient.Result[] both(
            ExecutorService loops,
            EventLoopClient cheap,
            int cheapConcurrency,
            EventLoopClient expensive,
            int expensiveConcurrency,
            Duration length)
            throws Exception {
        CompletableFuture<EventLoopClient.Result> expensiveRun =
                CompletableFuture.supplyAsync(() -> run(expensive, expensiveConcurrency, length), loops);
        CompletableFuture<EventLoopClient.Result> cheapRun =
                CompletableFuture.supplyAsync(() -> run(cheap, cheapConcurrency, length), loops);
        return new EventLoopClient.Result[] {cheapRun.get(), expensiveRun.get()};
    }

    private static EventLoopClient.Result run(EventLoopClient client, int concurrency, Duration length) {
        try {
            return client.run(concurrency, length);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void row(Workload workload, int concurrency, EventLoopClient.Result result) {
        System.out.printf(
                "| %s | %s | %d | %d | %.0f | %.3f | %.3f | %.3f | %d |%n",
                workload.operation(),
                workload.what(),
                concurrency,
                result.count(),
                result.throughput(),
                result.percentileMillis(0.50),
                result.percentileMillis(0.99),
                result.percentileMillis(1.0),
                result.errors());
    }
}
