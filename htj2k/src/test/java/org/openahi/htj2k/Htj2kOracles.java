package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * The HTJ2K tests' own oracles, beside the common ones ({@link Oracles}: OpenJPH 0.9, OpenJPEG 2.5, installed by
 * {@code .ci/setup.d/20-htj2k-oracles.sh}): the WASM verifier (OpenJPH 0.31 via npm) in the directory named by the
 * system property {@code openahi.htj2k.verifier}, the environment variable {@code OPENAHI_HTJ2K_VERIFIER}, or
 * {@code ~/.cache/openahi/htj2k-verifier}; and the images of the shared {@code gen_images.py} (python3 with numpy).
 */
final class Htj2kOracles {

    private Htj2kOracles() {}

    /** The directory holding verify.js, encode.js and their node_modules. */
    static Path verifier() {
        Oracles.require("node");
        String configured = System.getProperty("openahi.htj2k.verifier", System.getenv("OPENAHI_HTJ2K_VERIFIER"));
        Path dir = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "openahi", "htj2k-verifier");
        if (!Files.isRegularFile(dir.resolve("verify.js"))
                || !Files.isDirectory(dir.resolve("node_modules/@cornerstonejs/codec-openjph"))) {
            Oracles.missing("the WASM verifier is not installed in " + dir + " (run .ci/setup.d/20-htj2k-oracles.sh)");
        }
        return dir;
    }

    /** Runs verify.js on a file with extra arguments; returns its key=value output. */
    static String verify(Path file, String... args) {
        Path dir = verifier();
        List<String> command = new ArrayList<>(
                List.of(Oracles.require("node"), dir.resolve("verify.js").toString(), file.toString()));
        command.addAll(List.of(args));
        return new String(Oracles.runOk(command), java.nio.charset.StandardCharsets.UTF_8);
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
            String python = Oracles.require("python3");
            if (Oracles.run(python, "-c", "import numpy").exitCode() != 0) {
                Oracles.missing("python3 has no numpy");
            }
            Oracles.runOk(
                    python,
                    SharedCorpus.root().resolve("htj2k/scripts/gen_images.py").toString(),
                    dir.toString());
        }
        return dir;
    }
}
