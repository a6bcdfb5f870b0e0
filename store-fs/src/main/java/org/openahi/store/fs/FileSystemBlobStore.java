package org.openahi.store.fs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;

/**
 * Blobs as plain files under a root directory. Keys fan out into two directory levels from the first
 * characters of their last segment ({@code frames/0123abcd...} → {@code frames/01/23/0123abcd...}) so no
 * directory grows huge. A put writes a temporary file in {@code .tmp/}, fsyncs it, renames it into place
 * atomically and fsyncs the directory (and the parent of each directory it made); temporary files a crash left behind
 * are removed when the store opens. A
 * delete removes the folders it leaves empty.
 * Nothing is kept in extended attributes. A format marker at the root lets a later layout be migrated instead
 * of misread.
 */
public final class FileSystemBlobStore implements BlobStore {
    static final String FORMAT_MARKER = "openahi-blobs.json";
    private static final String FORMAT = "{\"format\":1}\n";
    static final String TEMPORARY_FOLDER = ".tmp";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final int COPY_BUFFER = 64 * 1024;
    /** Times a put makes its folders again when deletes keep removing them as empty. */
    private static final int FOLDER_ATTEMPTS = 100;

    private final Path root;
    private final Path temporaries;
    /** Temporary files are named by a prefix of this store and a count: no random number drawn per put. */
    private final String temporaryPrefix = UUID.randomUUID() + "-";

    private final AtomicLong temporaryCount = new AtomicLong();

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.temporaries = this.root.resolve(TEMPORARY_FOLDER);
        Files.createDirectories(this.root);
        removeIncompleteWrites();
        Path marker = this.root.resolve(FORMAT_MARKER);
        if (Files.exists(marker)) {
            String format = Files.readString(marker, StandardCharsets.UTF_8);
            if (!format.equals(FORMAT)) {
                throw new IOException("Blob directory " + this.root + " has an unknown layout " + format.strip()
                        + " (written by a newer openahi?)");
            }
        } else {
            Files.writeString(marker, FORMAT, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        Path target = pathOf(key);
        Path temporary = temporaries.resolve(temporaryPrefix + temporaryCount.incrementAndGet());
        boolean moved = false;
        try {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                copyExactly(content, Channels.newOutputStream(channel), length, key);
                channel.force(true);
            }
            Path made = moveIntoPlace(temporary, target);
            moved = true;
            for (Path folder = target.getParent(); ; folder = folder.getParent()) {
                syncDirectory(folder);
                if (made == null || folder.equals(made.getParent())) {
                    break;
                }
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Renames the temporary file to the blob's path, making its folders when the rename finds them missing (again, if a
     * delete removed them meanwhile): a put into folders that exist costs the rename alone. Returns the
     * uppermost folder it made, or null: the entry of each folder made is in its parent, which the put syncs too, or a
     * crash could lose the folder and the blob in it after the put returned.
     */
    private Path moveIntoPlace(Path temporary, Path target) throws IOException {
        Path made = null;
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return made;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The blob directory's file system cannot rename atomically: " + root, e);
            } catch (NoSuchFileException e) {
                if (attempt == FOLDER_ATTEMPTS || !Files.exists(temporary)) {
                    throw e;
                }
            }
            try {
                for (Path missing = target.getParent(); !Files.isDirectory(missing); missing = missing.getParent()) {
                    if (made == null || missing.getNameCount() < made.getNameCount()) {
                        made = missing;
                    }
                }
                Files.createDirectories(target.getParent());
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // a folder removed between the check and the use (createDirectories reports that as already existing)
            }
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = pathOf(key);
        Files.deleteIfExists(file);
        removeEmptyFolders(file.getParent());
    }

    /**
     * Removes the folders a deleted blob left empty, up to the root. Work writes under a folder of its own (a STOW-RS
     * request, an association), fanned out in two levels: pending frames alone left three empty folders per request
     * once encoded, and the background encoder, which lists {@code pending/} every second, then took 90 % of a core
     * on an idle server after 100,000 requests. A put racing with this makes its folders again
     * ({@link #moveIntoPlace}).
     */
    private void removeEmptyFolders(Path folder) throws IOException {
        for (Path empty = folder; !empty.equals(root) && empty.startsWith(root); empty = empty.getParent()) {
            try {
                Files.delete(empty);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
        }
    }

    @Override
    public Stream<BlobInfo> list(String prefix) throws IOException {
        if (!prefix.isEmpty()
                && (!prefix.endsWith("/")
                        || !KEY.matcher(prefix.substring(0, prefix.length() - 1))
                                .matches())) {
            throw new IllegalArgumentException(
                    "A blob listing prefix is empty or a folder ending in '/', not '" + prefix + "'");
        }
        Path folder = root.resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        Path marker = root.resolve(FORMAT_MARKER);
        return FileWalk.files(folder, path -> !path.equals(temporaries))
                .filter(found -> !found.path().equals(marker))
                .map(found -> new BlobInfo(
                        keyOf(found.path()),
                        found.attributes().size(),
                        found.attributes().lastModifiedTime().toInstant()));
    }

    /** Temporary files of puts a crash interrupted; no put of this store can be in flight yet. */
    private void removeIncompleteWrites() throws IOException {
        Files.createDirectories(temporaries);
        try (Stream<Path> leftovers = Files.list(temporaries)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    Path pathOf(String key) {
        return pathOf(root, key);
    }

    /** {@code a/b/name} → {@code root/a/b/na/me/name}. */
    static Path pathOf(Path root, String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("Invalid blob key '" + key + "'");
        }
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        String padded = (name + "____").substring(0, 4);
        Path directory = slash < 0 ? root : root.resolve(key.substring(0, slash));
        return directory
                .resolve(padded.substring(0, 2))
                .resolve(padded.substring(2, 4))
                .resolve(name);
    }

    private String keyOf(Path file) {
        Path relative = root.relativize(file);
        int parts = relative.getNameCount();
        Path directory = parts > 3 ? relative.subpath(0, parts - 3) : null;
        String name = relative.getFileName().toString();
        return directory == null
                ? name
                : directory.toString().replace(file.getFileSystem().getSeparator(), "/") + "/" + name;
    }

    private static void copyExactly(InputStream in, OutputStream out, long length, String key) throws IOException {
        byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, length))];
        long remaining = length;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException(
                        "Blob " + key + " ended after " + (length - remaining) + " of " + length + " bytes");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
        out.flush();
    }

    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
