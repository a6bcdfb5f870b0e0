package org.openahi.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.openahi.server.OpenAhiServer;
import org.openahi.server.config.ServerConfig;
import org.openahi.testing.TempFolders;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClientBuilder;

/**
 * An openahi server started in this JVM on port 0 with its own data directory and database, and SDK
 * clients for it. Clients do not retry, so a test sees the server's first answer.
 */
final class TestServer implements AutoCloseable {
    static final String ACCESS_KEY_ID = "conformance-key";
    static final String SECRET_ACCESS_KEY = "conformance-secret";
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "123456789012";
    /** The name data-plane calls are sent to when the SDK injects its "runtime-" host prefix. */
    static final String PREFIXED_HOST = "runtime-localhost";

    private final Map<String, String> environment;
    private final Path ownDataDirectory;
    private OpenAhiServer server;

    private final Clock tierClock;

    private TestServer(Map<String, String> environment, Path ownDataDirectory, Clock tierClock) {
        this.environment = environment;
        this.ownDataDirectory = ownDataDirectory;
        this.tierClock = tierClock;
        this.server = OpenAhiServer.start(ServerConfig.fromEnvironment(environment), Clock.systemUTC(), tierClock);
    }

    static TestServer start(Backend backend) {
        return start(backend, Map.of());
    }

    /** A server on {@code storage}: a fresh database and an empty blob store; {@code overrides} are OPENAHI_* variables. */
    static TestServer start(Storage storage, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(storage.blobs().freshStore());
        environment.putAll(overrides);
        return start(storage.database(), environment);
    }

    /** A server on {@code backend}; {@code overrides} are OPENAHI_* variables. */
    static TestServer start(Backend backend, Map<String, String> overrides) {
        return start(backend, overrides, Clock.systemUTC());
    }

    /** As above, storage tiers judging ages by {@code tierClock}, which a test may move ahead. */
    static TestServer start(Backend backend, Map<String, String> overrides, Clock tierClock) {
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("openahi-conformance-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("OPENAHI_PORT", "0");
        environment.put("OPENAHI_DIMSE_PORT", "0");
        environment.put("OPENAHI_DATA_DIR", dataDirectory.toString());
        environment.put("OPENAHI_DATABASE_URL", backend.freshDatabaseUrl(dataDirectory));
        environment.put("OPENAHI_ACCESS_KEY_ID", ACCESS_KEY_ID);
        environment.put("OPENAHI_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        environment.put("OPENAHI_REGION", REGION);
        environment.put("OPENAHI_ACCOUNT_ID", ACCOUNT_ID);
        environment.put("OPENAHI_MAX_DATASTORES", "1000");
        environment.putAll(overrides);
        return new TestServer(environment, dataDirectory, tierClock);
    }

    /** Stops the server and starts it again on the same data directory and database (a restart). */
    void restart() {
        server.close();
        server = OpenAhiServer.start(ServerConfig.fromEnvironment(environment), Clock.systemUTC(), tierClock);
    }

    int port() {
        return server.port();
    }

    /** The server's data directory (embedded database and blob files), to read or damage what it stored. */
    int dimsePort() {
        return server.dimsePort();
    }

    DataDirectory dataDirectory() {
        return new DataDirectory(Path.of(environment.get("OPENAHI_DATA_DIR")));
    }

    URI endpoint() {
        return URI.create("http://localhost:" + port());
    }

    String datastoreArn(String datastoreId) {
        return "arn:aws:medical-imaging:" + REGION + ":" + ACCOUNT_ID + ":datastore/" + datastoreId;
    }

    /** The usual client: valid credentials, host prefix injection turned off as the README shows. */
    MedicalImagingClient client() {
        return client(builder -> {});
    }

    MedicalImagingClient client(Consumer<MedicalImagingClientBuilder> customizer) {
        MedicalImagingClientBuilder builder = baseBuilder(credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true));
        customizer.accept(builder);
        return builder.build();
    }

    /**
     * A client with the SDK's default host prefix injection: data-plane calls go to
     * {@code runtime-localhost}, which its HTTP client resolves to loopback (as a hosts entry would).
     */
    MedicalImagingClient clientWithHostPrefix() {
        return baseBuilder(credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .dnsResolver(host -> host.equals(PREFIXED_HOST)
                                ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                                : resolve(host)))
                .build();
    }

    static AwsCredentialsProvider credentials(String accessKeyId, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
    }

    MedicalImagingClientBuilder baseBuilder(AwsCredentialsProvider credentials) {
        return MedicalImagingClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(credentials);
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }

    /** Stops the server and removes the temporary directory it made (a data directory its caller named stays). */
    @Override
    public void close() {
        server.close();
        TempFolders.delete(ownDataDirectory);
    }
}
