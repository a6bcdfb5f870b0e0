package org.openahi.core.importing;

import java.util.List;
import java.util.Map;

/**
 * A job's output files, in AHI's format (which the front door that started the job knows): rendered from the recorded
 * outcomes only, so they can be written again after a restart.
 */
@FunctionalInterface
public interface JobManifests {
    /** File name within the job's output folder to its content. */
    Map<String, byte[]> render(ImportJob job, long scannedFiles, List<FileOutcome> outcomes);
}
