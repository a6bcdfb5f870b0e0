package org.openahi.bench.api;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Load harness for the AHI API: closed-loop clients, one keep-alive connection each, driven by one event loop;
 * every request freshly signed with the AWS SDK's SigV4 signer. Prints throughput and latency percentiles per operation and
 * concurrency as Markdown table rows.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.ApiLoad http://127.0.0.1:8080 \
 *     [--operations GetDatastore,ListDatastores] [--concurrency 1,8,32] [--seconds 20] [--warmup 10] [--datastores 10]</pre>
 */
public final class ApiLoad {
  private final URI endpoint;
  private final AwsBasicCredentials credentials;
  private final String region;

  private ApiLoad(URI endpoint, AwsBasicCredentials credentials, String region) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.region = region;
  }

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    List<Integer> concurrencies = List.of(1, 8, 32);
    int seconds = 20;
    int warmup = 10;
    int datastores = 10;
    List<String> operations = List.of("GetDatastore", "ListDatastores");
    for (int i = 1; i < args.length; i += 2) {
      switch (args[i]) {
        case "--concurrency" -> concurrencies = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--datastores" -> datastores = Integer.parseInt(args[i + 1]);
        case "--operations" -> operations = List.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    String accessKey = System.getenv().getOrDefault("OPENAHI_ACCESS_KEY_ID", "openahi");
    String secret = System.getenv().getOrDefault("OPENAHI_SECRET_ACCESS_KEY", "openahi-dev-secret");
    String region = System.getenv().getOrDefault("OPENAHI_REGION", "us-east-1");
    ApiLoad load = new ApiLoad(endpoint, AwsBasicCredentials.create(accessKey, secret), region);
    String datastoreId = load.prepare(datastores);

    System.out.println("| operation | concurrency | requests | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | errors |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String operation : operations) {
      String path = operation.equals("GetDatastore") ? "/datastore/" + datastoreId : "/datastore";
      for (int concurrency : concurrencies) {
        EventLoopClient client = new EventLoopClient(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()),
            () -> load.signedGet(path));
        client.run(concurrency, Duration.ofSeconds(warmup));
        EventLoopClient.Result result = client.run(concurrency, Duration.ofSeconds(seconds));
        System.out.printf("| %s | %d | %d | %.0f | %.3f | %.3f | %.3f | %d |%n", operation, concurrency, result.count(),
            result.throughput(), result.percentileMillis(0.50), result.percentileMillis(0.99),
            result.percentileMillis(1.0), result.errors());
      }
    }
  }

  /** Makes sure {@code count} data stores exist and returns one of them. */
  private String prepare(int count) {
    try (MedicalImagingClient client = MedicalImagingClient.builder().endpointOverride(endpoint)
        .region(Region.of(region)).credentialsProvider(StaticCredentialsProvider.create(credentials)).build()) {
      int existing = client.listDatastores(r -> r.maxResults(50)).datastoreSummaries().size();
      for (int i = existing; i < count; i++) {
        client.createDatastore(r -> r.datastoreName("load"));
      }
      return client.listDatastores(r -> r.maxResults(1)).datastoreSummaries().get(0).datastoreId();
    }
  }

  private byte[] signedGet(String path) {
    SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("http")
        .host(endpoint.getHost()).port(endpoint.getPort()).encodedPath(path).build();
    Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "medical-imaging")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request().headers();
    StringBuilder head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
    headers.forEach((name, values) -> head.append(name).append(": ").append(String.join(",", values)).append("\r\n"));
    return head.append("Content-Length: 0\r\n\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
