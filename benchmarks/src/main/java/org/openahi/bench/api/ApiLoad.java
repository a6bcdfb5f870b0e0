package org.openahi.bench.api;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Load harness for the AHI API: closed-loop clients, one keep-alive connection each, driven by one event loop;
 * every request freshly signed with the AWS SDK's SigV4 signer. Prints throughput, latency percentiles and the
 * mean response size per workload and concurrency as Markdown table rows.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.ApiLoad http://127.0.0.1:8080 \
 *     [--operations GetDatastore,ListDatastores,ListImageSetVersions,SearchImageSets,DICOMweb,
 *     SearchDICOMStudies,GetImageSetMetadata,GetImageFrame] [--concurrency 1,8,32] \
 *     [--seconds 20] [--warmup 10] [--datastores 10]</pre>
 *
 * GetDatastore and ListDatastores first create data stores up to {@code --datastores}; ListImageSetVersions and
 * SearchImageSets need the data stores {@link HistorySeed} and {@link SearchSeed} make, GetImageSetMetadata and
 * GetImageFrame the one {@link ImageSetReadWorkloads#main} makes.
 */
public final class ApiLoad {
    private ApiLoad() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        List<Integer> concurrencies = List.of(1, 8, 32);
        int seconds = 20;
        int warmup = 10;
        int datastores = 10;
        List<String> operations = List.of("GetDatastore", "ListDatastores");
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--concurrency" ->
                    concurrencies = Arrays.stream(args[i + 1].split(","))
                            .map(Integer::valueOf)
                            .toList();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--datastores" -> datastores = Integer.parseInt(args[i + 1]);
                case "--operations" -> operations = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        SignedRequests requests = new SignedRequests(endpoint);
        InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        System.out.println("| operation | request | concurrency | requests | throughput (req/s) | p50 (ms) | p99 (ms) "
                + "| p99.9 (ms) | max (ms) | errors | mean response (bytes) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String operation : operations) {
            List<Workload> workloads;
            try (MedicalImagingClient client = BenchClients.medicalImaging(endpoint)) {
                workloads = switch (operation) {
                    case "GetDatastore", "ListDatastores" ->
                        List.of(DatastoreWorkloads.of(client, requests, operation, datastores));
                    case "ListImageSetVersions" -> VersionWorkloads.of(client, requests);
                    case "SearchImageSets" -> SearchWorkloads.of(client, requests);
                    case "DICOMweb" -> DicomWebWorkloads.of(client, requests);
                    case "SearchDICOMStudies" -> SearchWorkloads.qido(client, requests);
                    case "GetImageSetMetadata", "GetImageFrame" ->
                        List.of(ImageSetReadWorkloads.of(client, requests, operation));
                    default -> throw new IllegalArgumentException("Unknown operation " + operation);
                };
            }
            for (Workload workload : workloads) {
                for (int concurrency : concurrencies) {
                    EventLoopClient client = new EventLoopClient(address, workload.requests());
                    client.run(concurrency, Duration.ofSeconds(warmup));
                    EventLoopClient.Result result = client.run(concurrency, Duration.ofSeconds(seconds));
                    System.out.printf(
                            "| %s | %s | %d | %d | %.0f | %.3f | %.3f | %.3f | %.3f | %d | %.0f |%n",
                            workload.operation(),
                            workload.what(),
                            concurrency,
                            result.count(),
                            result.throughput(),
                            result.percentileMillis(0.50),
                            result.percentileMillis(0.99),
                            result.percentileMillis(0.999),
                            result.percentileMillis(1.0),
                            result.errors(),
                            result.meanResponseBytes());
                }
            }
        }
    }
}
