package org.openahi.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The external tools tests compare against (DCMTK, OpenJPH, OpenJPEG, node...). A test whose tool is missing is
 * reported as skipped, with the reason; with {@code OPENAHI_REQUIRE_ORACLES} set ({@code ./openahi test}, CI) it
 * fails instead, so a green suite never hides a comparison that did not run.
 */
public final class Oracles {
    /** Set by {@code ./openahi test}: a missing oracle fails its test. */
    public static final String REQUIRED_VARIABLE = "OPENAHI_REQUIRE_ORACLES";

    private static final long TIMEOUT_MINUTES = 5;

    /** Exit status and output of a finished tool. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Oracles() {}

    /** Whether a missing oracle fails the test rather than skipping it. */
    public static boolean required() {
        return System.getenv(REQUIRED_VARIABLE) != null;
    }

    /** The tool's absolute path on the PATH; when it is missing, the test is skipped or failed ({@link #missing}). */
    public static String require(String tool) {
        String path = find(tool);
        if (path == null) {
            missing(tool + " is not installed (./openahi test installs it with .ci/setup.d)");
        }
        return path;
    }

    /**
     * For a test that has a committed fallback when the tool is absent: whether the tool is on the PATH. A missing tool
     * still fails the test when oracles are required.
     */
    public static boolean available(String tool) {
        if (find(tool) != null) {
            return true;
        }
        if (required()) {
            fail(tool + " is not installed, and " + REQUIRED_VARIABLE + " is set");
        }
        return false;
    }

    private static String find(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Ends the calling test because an oracle is unavailable: a visible skip, or a failure when oracles are required. */
    public static void missing(String why) {
        if (required()) {
            fail(why + ", and " + REQUIRED_VARIABLE + " is set");
        }
        Assumptions.abort(why);
    }

    public static Result run(String... command) {
        return run(List.of(command));
    }

    /**
     * Runs a tool to completion, with nothing on its standard input, and returns what it printed. Output goes through
     * files so a tool that writes a lot on both streams cannot block; a tool still running after five minutes fails the
     * test.
     */
    public static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("openahi-oracle-", ".out");
            Path err = Files.createTempFile("openahi-oracle-", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
                }
                return new Result(
                        process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] runOk(String... command) {
        return runOk(List.of(command));
    }

    /** Runs a tool that must succeed and returns its standard output; a non-zero exit fails with what it printed. */
    public static byte[] runOk(List<String> command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " failed with exit " + result.exitCode() + ": " + result.stderr());
        }
        return result.stdout();
    }

    /** A tool running in the background (a DICOM SCP, say), stopped when closed. */
    public static final class Background implements AutoCloseable {
        private final Process process;
        private final Path log;

        private Background(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** What the tool printed so far, both streams. */
        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Waits until the tool accepts connections on the loopback port (fails when it exits first or takes a minute). */
        public Background awaitListening(int port) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("the tool exited before listening: " + output());
                }
                try {
                    new java.net.Socket("127.0.0.1", port).close();
                    return this;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            fail("the tool did not listen on port " + port + ": " + output());
            return this;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a tool in the background, its output going to {@code log}; close the result to stop it. */
    public static Background start(Path log, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Background(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP port free on loopback now, for a tool to listen on. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
