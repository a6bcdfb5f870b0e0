package org.openahi.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External tools tests compare against (DCMTK, OpenJPH): skipped when absent, unless CI requires them. */
final class Oracles {
  private Oracles() {
  }

  /** Skips the test when the tool is missing, or fails it when OPENAHI_REQUIRE_ORACLES is set. */
  static void require(String tool) {
    boolean present = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    if (!present && Corpus.oraclesRequired()) {
      throw new AssertionError(tool + " is required (OPENAHI_REQUIRE_ORACLES) but not installed");
    }
    assumeTrue(present, tool + " is not installed; skipping the comparison with it");
  }

  /** Runs a tool and returns its standard output; fails on a non-zero exit. */
  static byte[] run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed with exit " + process.exitValue());
    }
    return output;
  }
}
