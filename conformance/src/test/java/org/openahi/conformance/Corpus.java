package org.openahi.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared DICOM corpus ({@code ../shared/dicom}), found through the system property {@code openahi.shared}. */
final class Corpus {
  private Corpus() {
  }

  static Path dicom() {
    Path shared = Path.of(System.getProperty("openahi.shared", "../../shared"));
    Path dicom = shared.resolve("dicom").toAbsolutePath().normalize();
    if (!Files.isDirectory(dicom)) {
      throw new IllegalStateException("The DICOM corpus is missing at " + dicom + " (system property openahi.shared)");
    }
    return dicom;
  }

  /** The GE MR study: 235 instances in 5 series. */
  static Path geStudy() {
    return dicom().resolve("dcm_qa_ge");
  }

  /** Whether a test that needs an external tool must fail, not skip, when the tool is missing (CI). */
  static boolean oraclesRequired() {
    return System.getenv("OPENAHI_REQUIRE_ORACLES") != null;
  }
}
