package org.openahi.bench.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openahi.bench.importing.SyntheticCtSeries;

/**
 * Per-instance cost against series size: the cost of storing one instance by STOW-RS must not grow with the series
 * it joins. Seeds two series of one study by STOW-RS (requests of 100), SMALL and LARGE instances, then stores
 * PROBES single-instance requests into each, alternately (so the machine's ups and downs fall on both alike), and
 * compares their latencies: the bound is LARGE ≤ 1.5 × SMALL at the median. Slices are SIZE² pixels, small
 * by default so the write path, not the HTJ2K encoder, is what is timed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.StowSeriesGrowth ENDPOINT WORK_DIR [SMALL]
 *     [LARGE] [PROBES] [SIZE]</pre>
 */
public final class StowSeriesGrowth {
    private static final int SEED_BATCH = 100;
    private static final int WARMUP = 20;
    private static final double BOUND = 1.5;

    private StowSeriesGrowth() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path work = Path.of(args[1]);
        int small = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int large = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int probes = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int size = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        String study = SyntheticCtSeries.newUid();
        Series smallSeries = Series.write(work.resolve("small"), study, small, WARMUP + probes, size);
        Series largeSeries = Series.write(work.resolve("large"), study, large, WARMUP + probes, size);

        String datastoreId;
        try (var client = BenchClients.medicalImaging(endpoint)) {
            datastoreId = client.createDatastore(r -> r.datastoreName("stow-series-growth"))
                    .datastoreId();
        }
        URI target = endpoint.resolve("/datastore/" + datastoreId + "/studies");
        HttpClient http = HttpClient.newHttpClient();
        for (Series series : List.of(smallSeries, largeSeries)) {
            for (int i = 0; i < series.seed().size(); i += SEED_BATCH) {
                StowLoad.store(
                        http,
                        target,
                        series.seed().subList(i, Math.min(series.seed().size(), i + SEED_BATCH)));
            }
        }
        for (int i = 0; i < WARMUP; i++) {
            StowLoad.store(http, target, List.of(smallSeries.probes().get(i)));
            StowLoad.store(http, target, List.of(largeSeries.probes().get(i)));
        }
        long[] intoSmall = new long[probes];
        long[] intoLarge = new long[probes];
        for (int i = 0; i < probes; i++) {
            intoSmall[i] = timed(http, target, smallSeries.probes().get(WARMUP + i));
            intoLarge[i] = timed(http, target, largeSeries.probes().get(WARMUP + i));
        }
        java.util.Arrays.sort(intoSmall);
        java.util.Arrays.sort(intoLarge);
        report("into a series of " + small, intoSmall);
        report("into a series of " + large, intoLarge);
        double ratio = Percentiles.millis(intoLarge, 0.5) / Percentiles.millis(intoSmall, 0.5);
        System.out.printf(
                "per-instance cost, series of %d vs %d, median: %.2f× (bound %.1f×): %s%n",
                large, small, ratio, BOUND, ratio <= BOUND ? "PASS" : "FAIL");
    }

    /** A series' files: those seeded first, then those stored one per request. */
    private record Series(List<Path> seed, List<Path> probes) {
        static Series write(Path folder, String study, int seeded, int probes, int size) throws Exception {
            String series = SyntheticCtSeries.newUid();
            SyntheticCtSeries.write(folder.resolve("seed"), study, series, 1, seeded, size);
            SyntheticCtSeries.write(folder.resolve("probes"), study, series, seeded + 1, probes, size);
            return new Series(files(folder.resolve("seed")), files(folder.resolve("probes")));
        }

        private static List<Path> files(Path folder) throws Exception {
            try (Stream<Path> listing = Files.list(folder)) {
                return new ArrayList<>(listing.sorted().toList());
            }
        }
    }

    private static long timed(HttpClient http, URI target, Path instance) throws Exception {
        long sent = System.nanoTime();
        StowLoad.store(http, target, List.of(instance));
        return System.nanoTime() - sent;
    }

    private static void report(String what, long[] sorted) {
        System.out.printf(
                "one instance per STOW-RS request %s: %d requests, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                        + "p99.9 %.2f ms, max %.2f ms%n",
                what,
                sorted.length,
                Percentiles.millis(sorted, 0.5),
                Percentiles.millis(sorted, 0.9),
                Percentiles.millis(sorted, 0.99),
                Percentiles.millis(sorted, 0.999),
                Percentiles.millis(sorted, 1.0));
    }
}
