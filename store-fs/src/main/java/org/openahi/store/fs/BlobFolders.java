package org.openahi.store.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Copies of a {@link FileSystemBlobStore}'s folder, for backup and restore, made file by file without opening the
 * folder as a store (opening one removes its temporary files, which belong to the server writing there). Blobs are
 * immutable, so a file already in the copy with the same size is the same blob and is skipped: copying twice copies
 * only what was written in between.
 */
public final class BlobFolders {
    private BlobFolders() {}

    /**
     * Copies every blob of {@code source} that {@code target} lacks, each through a temporary file renamed into place
     * so an interrupted copy leaves no partial blob, and durable (files and folders synced) when this returns;
     * returns how many were copied. A blob deleted from {@code source} while this runs is skipped.
     */
    public static long copyMissing(Path source, Path target) throws IOException {
        Path from = source.toAbsolutePath().normalize();
        Path temporaries = Files.createDirectories(target.resolve(FileSystemBlobStore.TEMPORARY_FOLDER));
        if (!Files.isDirectory(from)) {
            return 0;
        }
        long copied = 0;
        // Each folder a copy was renamed into, and those above it up to the copy's root, synced once at the end: a
        // restore copies the database after the blobs, and a power cut must not keep the database and lose blobs.
        Path copyRoot = target.toAbsolutePath().normalize();
        Set<Path> written = new LinkedHashSet<>();
        List<Path> files;
        Path temporaryFolder = from.resolve(FileSystemBlobStore.TEMPORARY_FOLDER);
        try (Stream<FileWalk.Found> walk = FileWalk.files(from, folder -> !folder.equals(temporaryFolder))) {
            files = walk.map(FileWalk.Found::path).toList();
        }
        for (Path file : files) {
            Path destination = copyRoot.resolve(from.relativize(file).toString());
            if (Files.isRegularFile(destination) && Files.size(destination) == sizeOrMinusOne(file)) {
                continue;
            }
            Path temporary = temporaries.resolve(UUID.randomUUID().toString());
            try {
                try {
                    Files.copy(file, temporary);
                } catch (NoSuchFileException deletedMeanwhile) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.createDirectories(destination.getParent());
                Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                copied++;
                Path folder = destination.getParent();
                while (folder.startsWith(copyRoot) && written.add(folder)) {
                    folder = folder.getParent();
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        for (Path folder : written) {
            FileSystemBlobStore.syncDirectory(folder);
        }
        return copied;
    }

    /** The keys among {@code keys} that have no blob in the folder {@code root}. */
    public static List<String> missing(Path root, Collection<String> keys) {
        Path folder = root.toAbsolutePath().normalize();
        return keys.stream()
                .filter(key -> !Files.isRegularFile(FileSystemBlobStore.pathOf(folder, key)))
                .sorted()
                .toList();
    }

    private static long sizeOrMinusOne(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
