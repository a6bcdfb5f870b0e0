package org.openahi.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.server.BackupCli;

/** What backup and restore refuse, before touching anything; BackupRestoreIT backs up and restores a running server. */
class BackupCliTest {
    @TempDir
    Path work;

    @Test
    void aBackupOfAFolderWithoutADatabaseIsRefused() {
        assertThat(run(Map.of("OPENAHI_DATA_DIR", work.resolve("data").toString()), "backup", work.resolve("b")))
                .startsWith("1 ")
                .contains("There is no database at " + work.resolve("data").resolve("openahi.db"));
    }

    @Test
    void aBackupIntoAFolderThatIsNotEmptyIsRefused() throws IOException {
        Path data = Files.createDirectories(work.resolve("data"));
        Files.writeString(data.resolve("openahi.db"), "");
        Path destination = Files.createDirectories(work.resolve("backup"));
        Files.writeString(destination.resolve("something"), "x");
        assertThat(run(Map.of("OPENAHI_DATA_DIR", data.toString()), "backup", destination))
                .startsWith("1 ")
                .contains("The backup folder " + destination + " is not empty (it holds something)");
    }

    @Test
    void aBackupInsideTheBlobFolderIsRefused() throws IOException {
        Path data = Files.createDirectories(work.resolve("data"));
        Files.writeString(data.resolve("openahi.db"), "");
        assertThat(run(Map.of("OPENAHI_DATA_DIR", data.toString()), "backup", data.resolve("blobs/backup")))
                .startsWith("1 ")
                .contains("is inside the blob folder " + data.resolve("blobs"));
    }

    @Test
    void postgresqlAndS3AreBackedUpWithTheirOwnTools() {
        assertThat(run(Map.of("OPENAHI_DATABASE_URL", "jdbc:postgresql://db/openahi"), "backup", work))
                .startsWith("1 ")
                .contains("pg_dump");
        assertThat(run(
                        Map.of("OPENAHI_DATA_DIR", work.toString(), "OPENAHI_BLOB_STORE", "s3://bucket/blobs"),
                        "restore",
                        work))
                .startsWith("1 ")
                .contains("s3://bucket/blobs");
    }

    @Test
    void aRestoreNeedsAnEmptyDataFolder() throws IOException {
        Path backup = Files.createDirectories(work.resolve("backup"));
        Files.writeString(backup.resolve(EmbeddedBackup.MANIFEST), "{\"format\":1}");
        Path data = Files.createDirectories(work.resolve("data"));
        Files.writeString(data.resolve("openahi.db"), "");
        assertThat(run(Map.of("OPENAHI_DATA_DIR", data.toString()), "restore", backup))
                .startsWith("1 ")
                .contains("The data folder " + data + " is not empty (it holds openahi.db)");
    }

    @Test
    void aBackupOfAnotherFormatIsRefused() throws IOException {
        Path backup = Files.createDirectories(work.resolve("backup"));
        Files.writeString(backup.resolve(EmbeddedBackup.MANIFEST), "{\"format\":2}");
        assertThat(run(Map.of("OPENAHI_DATA_DIR", work.resolve("data").toString()), "restore", backup))
                .startsWith("1 ")
                .contains("has format 2");
    }

    @Test
    void aCommandWithoutItsFolderIsAUsageError() {
        assertThat(run(Map.of(), "backup")).startsWith("2 ").contains("usage:");
    }

    private static String run(Map<String, String> environment, String command, Path folder) {
        return run(environment, command, folder.toString());
    }

    private static String run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            int code = BackupCli.run(args, environment, stream, stream);
            return code + " " + text.toString(StandardCharsets.UTF_8);
        }
    }
}
