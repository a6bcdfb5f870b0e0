package org.openahi.conformance;

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
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * An openahi server in its own JVM (the test's classpath, {@code org.openahi.server.Main}), so a test can kill it
 * with SIGKILL and start it again on the same data.
 */
final class ServerProcess implements AutoCloseable {
    /** A bound on a start, generous for several servers starting at once on a busy machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** The logs of the servers made in this JVM, in order ({@link ServerLogsOnFailure}). */
    private static final java.util.Set<Path> LOGS =
            java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    ServerProcess(Map<String, String> environment, Path log) {
        this.port = freePort();
        this.environment = new java.util.HashMap<>(environment);
        this.environment.put("OPENAHI_PORT", Integer.toString(port));
        this.environment.putIfAbsent("OPENAHI_DIMSE_PORT", "0");
        this.environment.put("OPENAHI_ACCESS_KEY_ID", TestServer.ACCESS_KEY_ID);
        this.environment.put("OPENAHI_SECRET_ACCESS_KEY", TestServer.SECRET_ACCESS_KEY);
        this.environment.put("OPENAHI_ACCOUNT_ID", TestServer.ACCOUNT_ID);
        this.log = log;
        LOGS.add(log);
    }

    /** The logs of the servers made in this JVM that exist (a test's temporary folder may be gone). */
    static List<Path> logs() {
        synchronized (LOGS) {
            return LOGS.stream().filter(Files::isRegularFile).toList();
        }
    }

    int port() {
        return port;
    }

    URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    /** A client as {@link TestServer#client()} makes them: no retries, host prefix injection off. */
    MedicalImagingClient client() {
        return MedicalImagingClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    void start() {
        start(List.of());
    }

    /**
     * Starts the server with its background work held at a checkpoint (see {@link PauseAtCheckpoint}) once it has passed
     * it {@code after} times; {@link #awaitPaused()} returns once work is held there.
     */
    void startPausingAt(String checkpoint, int after) {
        try {
            Files.deleteIfExists(pausedMarker());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start(List.of(
                "-D" + PauseAtCheckpoint.CHECKPOINT + "=" + checkpoint,
                "-D" + PauseAtCheckpoint.AFTER + "=" + after,
                "-D" + PauseAtCheckpoint.MARKER + "=" + pausedMarker()));
    }

    /**
     * Starts the server as one of several sharing {@code folder}: the first thread of any of them to pass
     * {@code checkpoint} is held there until {@link #resumeShared} (see {@link PauseAtCheckpoint}); {@link #heldNode}
     * names the server holding it.
     */
    void startPausingOnceAt(String checkpoint, Path folder) {
        start(List.of(
                "-D" + PauseAtCheckpoint.CHECKPOINT + "=" + checkpoint,
                "-D" + PauseAtCheckpoint.MARKER + "=" + folder.resolve("paused-at-checkpoint"),
                "-D" + PauseAtCheckpoint.RESUME + "=" + folder.resolve("resume")));
    }

    /** Arms the checkpoint of the servers sharing {@code folder} again: the next thread to reach it is held. */
    static void armShared(Path folder) throws IOException {
        Files.deleteIfExists(folder.resolve("resume"));
        Files.deleteIfExists(folder.resolve("paused-at-checkpoint"));
    }

    /** Lets every thread of the servers sharing {@code folder} pass the checkpoint, and one held there go on. */
    static void disarmShared(Path folder) throws IOException {
        resumeShared(folder);
        Path marker = folder.resolve("paused-at-checkpoint");
        if (!Files.exists(marker)) {
            Files.writeString(marker, "");
        }
    }

    /** Lets the thread held at the shared checkpoint go on. */
    static void resumeShared(Path folder) throws IOException {
        Files.writeString(folder.resolve("resume"), "go\n");
    }

    /** Waits until a thread of a server sharing {@code folder} is held at the checkpoint; returns that server's name. */
    static String heldNode(Path folder) throws IOException, InterruptedException {
        Path marker = folder.resolve("paused-at-checkpoint");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!Files.exists(marker)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No server reached the checkpoint within 3 minutes");
            }
            Thread.sleep(20);
        }
        return Files.readString(marker);
    }

    /** SIGSTOP: the process stops where it is, holding what it holds (its leases run out), until {@link #wake}. */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    void wake() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** The first line of the server's log containing every one of {@code parts}, if any yet. */
    java.util.Optional<String> logLine(String... parts) throws IOException {
        try (java.util.stream.Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> java.util.Arrays.stream(parts).allMatch(line::contains))
                    .findFirst();
        }
    }

    /** Waits until the server's log has a line containing every one of {@code parts}; returns that line. */
    String awaitLogLine(Duration timeout, String... parts) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            java.util.Optional<String> found = logLine(parts);
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No line of " + log + " contains all of " + List.of(parts));
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the background work is held at the checkpoint {@link #startPausingAt} named. */
    void awaitPaused() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!Files.exists(pausedMarker())) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("The server never reached its checkpoint; see " + log);
            }
            Thread.sleep(20);
        }
    }

    private Path pausedMarker() {
        return log.resolveSibling("paused-at-checkpoint");
    }

    private void start(List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.openahi.server.Main"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as in a power cut of the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server process exited; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection)
                        endpoint().resolve("/_openahi/health").toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                "The server did not become healthy within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
