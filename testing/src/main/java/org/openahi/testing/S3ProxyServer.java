package org.openahi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real S3-compatible server for tests: s3proxy (from Maven Central) in its own JVM on a free loopback
 * port, with objects on disk, SigV4 checked against {@link #ACCESS_KEY_ID}/{@link #SECRET_ACCESS_KEY}.
 * Modules that use it set the Maven property {@code s3proxy.skip=false}, which copies s3proxy's runnable jar
 * to {@code target/s3proxy} and names it in the system property {@code openahi.s3proxy.jar}.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY_ID = "s3-test-key";
    public static final String SECRET_ACCESS_KEY = "s3-test-secret";
    public static final String REGION = "us-east-1";

    private static S3ProxyServer shared;

    private Process process;
    private final URI endpoint;
    private final Path directory;

    private S3ProxyServer(Process process, URI endpoint, Path directory) {
        this.process = process;
        this.endpoint = endpoint;
        this.directory = directory;
    }

    /** The server shared by every test in this JVM; stopped (and its objects deleted) when the JVM exits. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static S3ProxyServer start() {
        String jar = System.getProperty("openahi.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy's jar is missing (" + jar + "): set the Maven property "
                    + "s3proxy.skip=false in the module that uses S3ProxyServer");
        }
        try {
            Path directory = Files.createTempDirectory("openahi-s3proxy-");
            Path objects = Files.createDirectories(directory.resolve("objects"));
            int port = freePort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path properties = directory.resolve("s3proxy.conf");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=" + endpoint,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY_ID,
                            "s3proxy.credential=" + SECRET_ACCESS_KEY,
                            "jclouds.provider=filesystem-nio2",
                            "jclouds.identity=" + ACCESS_KEY_ID,
                            "jclouds.credential=" + SECRET_ACCESS_KEY,
                            "jclouds.filesystem.basedir=" + objects,
                            ""));
            S3ProxyServer server = new S3ProxyServer(launch(jar, directory), endpoint, directory);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process launch(String jar, Path directory) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-jar",
                        jar,
                        "--properties",
                        directory.resolve("s3proxy.conf").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("s3proxy.log").toFile()))
                .start();
    }

    /** Stops the server (its clients' connections are refused), keeping its objects for {@link #restart}. */
    public synchronized void stop() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a stopped server again on the same endpoint and objects. */
    public synchronized void restart() {
        try {
            process = launch(System.getProperty("openahi.s3proxy.jar"), directory);
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited: " + Files.readString(directory.resolve("s3proxy.log")));
            }
            try {
                HttpURLConnection connection =
                        (HttpURLConnection) endpoint.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.getResponseCode();
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for s3proxy", e);
                }
            }
        }
        throw new IOException(
                "s3proxy did not start within 60 s: " + Files.readString(directory.resolve("s3proxy.log")));
    }

    @Override
    public synchronized void close() {
        stop();
        TempFolders.delete(directory);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
