package org.openahi.dicom.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * External tools the tests compare against (DCMTK). A test that needs one is skipped only when the tool is absent
 * and {@code OPENAHI_REQUIRE_ORACLES} is not set; with it set (CI) a missing tool fails.
 */
public final class Oracle {

    /** Exit status, standard output and standard error of a tool run. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Oracle() {
    }

    /** True when the tool is on the PATH; otherwise fails (oracles required) or prints why the check is skipped. */
    public static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        String reason = tool + " is not installed (Debian package dcmtk; .ci/setup.d/10-dcmtk.sh installs it)";
        if (System.getenv("OPENAHI_REQUIRE_ORACLES") != null) {
            fail(reason + " and OPENAHI_REQUIRE_ORACLES is set");
        }
        System.out.println("SKIPPING the " + tool + " comparison: " + reason);
        return false;
    }

    public static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            var err = p.getErrorStream();
            byte[][] stderr = new byte[1][];
            Thread drain = Thread.ofVirtual().start(() -> {
                try {
                    stderr[0] = err.readAllBytes();
                } catch (IOException e) {
                    stderr[0] = new byte[0];
                }
            });
            byte[] stdout = p.getInputStream().readAllBytes();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            drain.join();
            return new Result(p.exitValue(), stdout, new String(stderr[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static List<String> command(String tool, Object... args) {
        List<String> command = new ArrayList<>(List.of(tool));
        for (Object a : args) {
            command.add(a.toString());
        }
        return command;
    }
}
