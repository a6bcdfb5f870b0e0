package org.openahi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes the folders test components make for themselves (a server's data, s3proxy's objects, PostgreSQL's cluster),
 * so a test run leaves nothing in the temporary directory. Tests use JUnit's {@code @TempDir} for their own.
 */
public final class TempFolders {
    private TempFolders() {}

    /** Deletes the folder and everything in it; a folder already gone is fine. */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + folder, e);
        }
    }
}
