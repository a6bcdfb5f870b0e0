package org.openahi.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * STOW-RS ingest: stores a folder's DICOM files into a new data store by {@code POST /datastore/{id}/studies}, in
 * multipart requests of BATCH instances sent by CLIENTS concurrent clients (SigV4-signed), and reports instances per
 * second from the first request to the last response, and each request's latency (p50, p99, p99.9, max). Every instance
 * must be stored (status 200).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.StowLoad ENDPOINT INPUT_DIR CLIENTS BATCH</pre>
 */
public final class StowLoad {
    private static final String BOUNDARY = "openahi-stow-load";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers java.net.http sets itself; the signature covers the same values. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    private StowLoad() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int clients = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        List<Path> files;
        try (Stream<Path> paths = Files.walk(Path.of(args[1]))) {
            files = paths.filter(Files::isRegularFile).sorted().toList();
        }
        ConcurrentLinkedQueue<List<Path>> batches = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < files.size(); i += batch) {
            batches.add(files.subList(i, Math.min(files.size(), i + batch)));
        }
        String datastoreId;
        try (var client = BenchClients.medicalImaging(endpoint)) {
            datastoreId = client.createDatastore(r -> r.datastoreName("stow-benchmark"))
                    .datastoreId();
        }
        URI target = endpoint.resolve("/datastore/" + datastoreId + "/studies");
        HttpClient http = HttpClient.newHttpClient();
        long bytes = files.stream().mapToLong(StowLoad::size).sum();
        long started = System.nanoTime();
        List<Future<Integer>> stored = new ArrayList<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                stored.add(pool.submit(() -> {
                    int count = 0;
                    for (List<Path> next = batches.poll(); next != null; next = batches.poll()) {
                        long sent = System.nanoTime();
                        count += store(http, target, next);
                        latencies.add(System.nanoTime() - sent);
                    }
                    return count;
                }));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int instances = 0;
        for (Future<Integer> count : stored) {
            instances += count.get();
        }
        if (instances != files.size()) {
            throw new IllegalStateException(instances + " of " + files.size() + " instances were stored");
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "STOW-RS: %d instances (%.1f MB) in requests of %d by %d clients in %.2f s: %.1f instances/s, "
                        + "%.1f MB/s; request latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                instances,
                bytes / 1e6,
                batch,
                clients,
                seconds,
                instances / seconds,
                bytes / 1e6 / seconds,
                Percentiles.millis(sorted, 0.5),
                Percentiles.millis(sorted, 0.99),
                Percentiles.millis(sorted, 0.999),
                Percentiles.millis(sorted, 1.0));
    }

    /** One signed multipart request; returns how many instances the store response references. */
    static int store(HttpClient http, URI target, List<Path> files) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(target)
                .putHeader("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
                .putHeader("Accept", "application/dicom+json")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(BenchClients.credentials())
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "medical-imaging")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, BenchClients.region()))
                .request();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, String.join(",", values));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("STOW-RS answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode referenced = JSON.readTree(response.body()).path("00081199").path("Value");
        return referenced.size();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
