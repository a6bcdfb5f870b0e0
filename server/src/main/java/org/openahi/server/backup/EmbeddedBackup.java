package org.openahi.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.openahi.server.config.ServerConfig;
import org.openahi.store.fs.BlobFolders;
import org.openahi.store.jdbc.JdbcStoreException;
import org.openahi.store.jdbc.SqliteSnapshot;

/**
 * {@code ./openahi backup DEST} and {@code ./openahi restore SRC} for the embedded default: the SQLite database and
 * the blob folders (the primary one and, when configured, the archive location), found from the same {@code OPENAHI_*}
 * variables the server reads. A backup is taken while the server runs and writes:
 *
 * <ol>
 *   <li>the blobs are copied;
 *   <li>the database is copied as of one commit ({@link SqliteSnapshot});
 *   <li>the blobs written since the first pass are copied: a blob is written before the commit that refers to it, so
 *       every blob the database copy refers to existed by step 2, and was copied in step 1 or is copied now;
 *   <li>the copy is checked: every blob its rows refer to is in it. One is missing only when it was created after step
 *       1 and deleted before step 3 (an image set imported and deleted while the backup ran); the backup then fails
 *       and is run again. A blob deleted after step 1 is in the copy already.
 * </ol>
 *
 * The manifest, written last, marks a backup complete; restore refuses a folder without one. The primary folder is
 * copied before the archive location in both passes, so a blob moving from one to the other meanwhile (copied, then
 * deleted from the primary location) is found in one of them.
 */
public final class EmbeddedBackup {
    static final String MANIFEST = "openahi-backup.json";
    static final String DATABASE = "openahi.db";
    static final String BLOBS = "blobs";
    static final String ARCHIVE_BLOBS = "archive-blobs";
    static final String AUDIT_LOG = "audit.log";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerConfig config;
    private final PrintStream log;
    private final Clock clock;

    public EmbeddedBackup(ServerConfig config, PrintStream log, Clock clock) {
        this.config = config;
        this.log = log;
        this.clock = clock;
    }

    /** Backs the server's data up into {@code destination}, which must not exist or be empty. */
    public void backup(Path destination) throws IOException {
        Locations live = locations();
        if (!Files.isRegularFile(live.database())) {
            throw new BackupException("There is no database at " + live.database() + " to back up (is "
                    + ServerConfig.Variable.OPENAHI_DATA_DIR + " the server's?)");
        }
        requireEmpty(destination, "The backup folder");
        for (Path folder : live.blobFolders()) {
            if (destination
                    .toAbsolutePath()
                    .normalize()
                    .startsWith(folder.toAbsolutePath().normalize())) {
                throw new BackupException("The backup folder " + destination + " is inside the blob folder " + folder
                        + ", which the backup copies (and the blob cleanup empties of what no row refers to)");
            }
        }
        Files.createDirectories(destination);
        String startedAt = clock.instant().toString();
        long first = copyBlobs(live, destination);
        log.println("openahi backup: " + first + " files of the blob folders copied; copying the database...");
        try {
            SqliteSnapshot.copy(config.databaseUrl(), destination.resolve(DATABASE));
        } catch (JdbcStoreException e) {
            throw new BackupException(e.getMessage(), e);
        }
        long second = copyBlobs(live, destination);
        log.println("openahi backup: database copied; " + second + " files written meanwhile copied");
        Set<String> referenced = referencedBlobs(destination.resolve(DATABASE));
        List<String> missing = missing(destination, live.archive().isPresent(), referenced);
        if (!missing.isEmpty()) {
            throw new BackupException(missing.size() + " of the " + referenced.size()
                    + " blobs the database copy refers to were deleted while the backup ran (an image set made and"
                    + " deleted meanwhile), first " + missing.get(0) + "; " + destination
                    + " is not a backup: empty it and back up again");
        }
        if (Files.isRegularFile(live.auditLog())) {
            copyFile(live.auditLog(), destination.resolve(AUDIT_LOG));
        }
        ObjectNode manifest = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("startedAt", startedAt)
                .put("finishedAt", clock.instant().toString())
                .put("database", DATABASE)
                .put("blobs", BLOBS)
                .put("referencedBlobs", referenced.size());
        live.archive().ifPresent(archive -> manifest.put("archiveBlobs", ARCHIVE_BLOBS));
        manifest.put("encrypted", config.encryption().keyFile().isPresent());
        writeDurably(
                destination.resolve(MANIFEST),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        log.println("openahi backup: complete in " + destination + " (" + referenced.size() + " blobs referenced)"
                + config.encryption()
                        .keyFile()
                        .map(keys -> "; blobs are encrypted: keep the key file " + keys
                                + " too, apart from the backup (it is not in it)")
                        .orElse(""));
    }

    /** Restores the backup in {@code source} into the server's data locations, which must be empty. */
    public void restore(Path source) throws IOException {
        Locations live = locations();
        JsonNode manifest = manifest(source);
        boolean archived = manifest.has("archiveBlobs");
        if (archived && live.archive().isEmpty()) {
            throw new BackupException("The backup " + source + " holds an archive location's blobs ("
                    + ARCHIVE_BLOBS + "/) but " + ServerConfig.Variable.OPENAHI_ARCHIVE_BLOB_STORE
                    + " is not set: set it to"
                    + " an empty folder");
        }
        requireEmpty(config.dataDirectory(), "The data folder");
        requireEmpty(live.database(), "The database");
        requireEmpty(live.blobs(), "The blob folder");
        if (live.archive().isPresent()) {
            requireEmpty(live.archive().get(), "The archive blob folder");
        }
        Set<String> referenced = referencedBlobs(source.resolve(DATABASE));
        List<String> missing = missing(source, archived, referenced);
        if (!missing.isEmpty()) {
            throw new BackupException("The backup " + source + " lacks " + missing.size()
                    + " blobs its database refers to, first " + missing.get(0));
        }
        Files.createDirectories(live.blobs());
        long blobs = BlobFolders.copyMissing(source.resolve(BLOBS), live.blobs());
        if (archived) {
            blobs += BlobFolders.copyMissing(
                    source.resolve(ARCHIVE_BLOBS),
                    Files.createDirectories(live.archive().get()));
        }
        if (Files.isRegularFile(source.resolve(AUDIT_LOG)) && !Files.exists(live.auditLog())) {
            copyFile(source.resolve(AUDIT_LOG), live.auditLog());
        }
        // The database last: a server started on a half-restored folder finds no database rather than missing blobs.
        copyFile(source.resolve(DATABASE), live.database());
        log.println("openahi restore: " + blobs + " files of the blob folders and the database of "
                + manifest.path("startedAt").asText() + " restored; start the server");
    }

    /** Where the server keeps its data, when it is the embedded default; otherwise why this is not for it. */
    private Locations locations() {
        if (!config.databaseUrl().startsWith("jdbc:sqlite:")) {
            throw new BackupException("The database is PostgreSQL: back it up with pg_dump or pg_basebackup, then the"
                    + " blobs (README, \"Backing up PostgreSQL and S3\")");
        }
        Optional<Path> archive = Optional.empty();
        if (config.tiers().archiveBlobStore().isPresent()) {
            archive = Optional.of(folder(config.tiers().archiveBlobStore().get(), "archive location"));
        }
        return new Locations(
                SqliteSnapshot.file(config.databaseUrl()),
                folder(config.blobStore(), "blob store"),
                archive,
                config.access().auditLog());
    }

    private static Path folder(String location, String what) {
        if (location.startsWith("s3://")) {
            throw new BackupException("The " + what + " is " + location + ": back up its bucket with the S3 service's"
                    + " own tools, after the database (README, \"Backing up PostgreSQL and S3\")");
        }
        return Path.of(location);
    }

    private static long copyBlobs(Locations live, Path destination) throws IOException {
        long copied = BlobFolders.copyMissing(live.blobs(), destination.resolve(BLOBS));
        if (live.archive().isPresent()) {
            copied += BlobFolders.copyMissing(live.archive().get(), destination.resolve(ARCHIVE_BLOBS));
        }
        return copied;
    }

    private static Set<String> referencedBlobs(Path database) {
        try {
            return SqliteSnapshot.referencedBlobs(database);
        } catch (JdbcStoreException e) {
            throw new BackupException(e.getMessage(), e);
        }
    }

    /** The referenced blobs found in neither blob folder of a backup. */
    private static List<String> missing(Path backup, boolean archived, Set<String> referenced) {
        List<String> missing = BlobFolders.missing(backup.resolve(BLOBS), referenced);
        return archived ? BlobFolders.missing(backup.resolve(ARCHIVE_BLOBS), missing) : missing;
    }

    private static JsonNode manifest(Path source) throws IOException {
        Path file = source.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BackupException(source + " is not a complete openahi backup: it has no " + MANIFEST);
        }
        JsonNode manifest = JSON.readTree(file.toFile());
        if (manifest.path("format").asInt() != FORMAT) {
            throw new BackupException("The backup " + source + " has format " + manifest.path("format")
                    + "; this openahi reads format " + FORMAT);
        }
        return manifest;
    }

    /** A file that does not exist, or a folder that does not exist or is empty. */
    private static void requireEmpty(Path path, String what) throws IOException {
        if (Files.isDirectory(path)) {
            List<String> entries = new ArrayList<>();
            try (Stream<Path> listing = Files.list(path)) {
                listing.limit(3)
                        .forEach(entry -> entries.add(entry.getFileName().toString()));
            }
            if (!entries.isEmpty()) {
                throw new BackupException(what + " " + path + " is not empty (it holds " + String.join(", ", entries)
                        + (entries.size() == 3 ? ", ..." : "") + ")");
            }
        } else if (Files.exists(path)) {
            throw new BackupException(what + " " + path + " already exists");
        }
    }

    /** Copies through a temporary file beside the target, fsynced and renamed into place. */
    private static void copyFile(Path from, Path to) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path temporary = to.resolveSibling(to.getFileName() + ".restoring");
        try {
            Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING);
            sync(temporary);
            Files.move(temporary, to, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".writing");
        Files.write(temporary, content);
        sync(temporary);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private record Locations(Path database, Path blobs, Optional<Path> archive, Path auditLog) {
        List<Path> blobFolders() {
            List<Path> folders = new ArrayList<>(List.of(blobs));
            archive.ifPresent(folders::add);
            return folders;
        }
    }
}
