package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The external decoders and encoders the tests compare against, and the shared material.
 *
 * <p>A missing tool skips the test with a printed reason, unless {@code OPENAHI_REQUIRE_ORACLES} is set (CI), in
 * which case it fails. {@code .ci/setup.d/20-htj2k-oracles.sh} installs them: OpenJPH 0.9 ({@code ojph_compress},
 * {@code ojph_expand}), OpenJPEG 2.5 ({@code opj_decompress}), python3 with numpy, and the WASM verifier (OpenJPH
 * 0.31 via npm) in the directory named by the system property {@code openahi.htj2k.verifier}, the environment
 * variable {@code OPENAHI_HTJ2K_VERIFIER}, or {@code ~/.cache/openahi/htj2k-verifier}.
 */
final class Oracles {

    private Oracles() {
    }

    /** The shared corpus; tests fail, not skip, without it. */
    static Path shared() {
        String property = System.getProperty("openahi.shared");
        Path dir = property != null ? Path.of(property) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir.resolve("htj2k"))) {
            fail("the shared corpus is missing: system property openahi.shared = " + property);
        }
        return dir.toAbsolutePath().normalize();
    }

    /** The absolute path of an executable on PATH, or a skip (a failure in CI) when there is none. */
    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        missing(name + " is not on PATH");
        return null;
    }

    /** The directory holding verify.js, encode.js and their node_modules. */
    static Path verifier() {
        tool("node");
        String configured = System.getProperty("openahi.htj2k.verifier", System.getenv("OPENAHI_HTJ2K_VERIFIER"));
        Path dir = configured != null ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".cache", "openahi", "htj2k-verifier");
        if (!Files.isRegularFile(dir.resolve("verify.js"))
            || !Files.isDirectory(dir.resolve("node_modules/@cornerstonejs/codec-openjph"))) {
            missing("the WASM verifier is not installed in " + dir + " (run .ci/setup.d/20-htj2k-oracles.sh)");
        }
        return dir;
    }

    private static void missing(String why) {
        if (System.getenv("OPENAHI_REQUIRE_ORACLES") != null) {
            fail(why + ", and OPENAHI_REQUIRE_ORACLES is set");
        }
        System.out.println("SKIPPED: " + why);
        Assumptions.abort(why);
    }

    /** What a finished process printed. */
    record Result(int exit, String out, String err) {
    }

    /** Runs a command to completion (at most 5 minutes) and returns its exit status and output. */
    static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("oracle", ".out");
            Path err = Files.createTempFile("oracle", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    fail("timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
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

    /** Runs a command that must succeed; returns its standard output. */
    static String runOk(String... command) {
        Result r = run(List.of(command));
        assertThat(r.exit()).as("%s failed: %s %s", List.of(command), r.out(), r.err()).isZero();
        return r.out();
    }

    /** Runs verify.js on a file with extra arguments; returns its key=value output. */
    static String verify(Path file, String... args) {
        Path dir = verifier();
        List<String> command = new ArrayList<>(List.of(tool("node"), dir.resolve("verify.js").toString(),
            file.toString()));
        command.addAll(List.of(args));
        return runOk(command.toArray(String[]::new));
    }

    /** The value of {@code key=} in key=value lines. */
    static String value(String output, String key) {
        for (String line : output.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        return fail("no " + key + " in " + output);
    }

    /** The images of gen_images.py, generated once per run into target/htj2k-images. */
    static synchronized Path generatedImages() {
        Path dir = Path.of("target", "htj2k-images").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("rgb8_512.le.raw"))) {
            String python = tool("python3");
            Result numpy = run(List.of(python, "-c", "import numpy"));
            if (numpy.exit() != 0) {
                missing("python3 has no numpy");
            }
            runOk(python, shared().resolve("htj2k/scripts/gen_images.py").toString(), dir.toString());
        }
        return dir;
    }
}
