package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A stopped or killed embedded server's data directory, read directly: its SQLite database and its blob folder.
 * Crash tests use it to see what the server left behind.
 */
record DataDirectory(Path path) {

    Set<String> query(String sql) throws Exception {
        Set<String> values = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path.resolve("openahi.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    Set<String> referencedBlobs() throws Exception {
        return query("SELECT blob_key FROM image_frame UNION SELECT blob_key FROM staged_frame UNION "
                + "SELECT metadata_blob FROM image_set_version WHERE metadata_blob IS NOT NULL");
    }

    /** Blob keys from the file layout: {@code folder/.../ab/cd/name} is the key {@code folder/.../name}. */
    Set<String> blobFiles() throws Exception {
        Path root = path.resolve("blobs");
        Set<String> keys = new HashSet<>();
        for (Path file : regularFiles(root)) {
            Path relative = root.relativize(file);
            if (relative.getNameCount() < 4) {
                continue; // the layout marker
            }
            keys.add(relative.subpath(0, relative.getNameCount() - 3) + "/" + relative.getFileName());
        }
        return keys;
    }

    /**
     * The regular files under a folder a running server writes: a walk that meets a file or folder the server removed
     * meanwhile (it deletes blobs, and the folders they leave empty) is made again.
     */
    static List<Path> regularFiles(Path folder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(folder)) {
                return files.filter(Files::isRegularFile).toList();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 20) {
                    throw e;
                }
            }
        }
    }

    /** The file holding a blob: {@code folder/.../name} is {@code blobs/folder/.../na/me/name} (names padded with '_'). */
    Path blobFile(String key) {
        return blobFile(path.resolve("blobs"), key);
    }

    /** The file holding a blob in a blob folder laid out as the data directory's (an archive blob location). */
    static Path blobFile(Path root, String key) {
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        String padded = (name + "____").substring(0, 4);
        Path folder = slash < 0 ? root : root.resolve(key.substring(0, slash));
        return folder.resolve(padded.substring(0, 2))
                .resolve(padded.substring(2, 4))
                .resolve(name);
    }

    /**
     * Waits until nothing is left staged: a restarted server folds what a killed one staged and acknowledged, once
     * its lease ran out.
     */
    void awaitNothingStaged() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!query("SELECT sop_instance_uid FROM staged_instance").isEmpty()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(query("SELECT sop_instance_uid FROM staged_instance"))
                .as("instances still staged")
                .isEmpty();
    }

    /** Waits until the background encoder has encoded every frame stored uncompressed (docs/decisions.md). */
    void awaitNoPendingFrames() throws Exception {
        String pending = "SELECT blob_key FROM image_frame WHERE blob_key LIKE 'pending/%'";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!query(pending).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(query(pending)).as("frames still pending").isEmpty();
    }

    /**
     * Waits (the runners clean up after work has ended; uncompressed frames are encoded once the intake is quiet, their
     * pending blobs deleted a few seconds later) until every blob file is referenced by a row.
     */
    void awaitNoOrphanBlobs() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!blobFiles().equals(referencedBlobs()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(blobFiles()).as("blobs no row references").isEqualTo(referencedBlobs());
    }
}
