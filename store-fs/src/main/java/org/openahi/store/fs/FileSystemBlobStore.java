package org.openahi.store.fs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;

/**
 * Blobs as plain files under a root directory. Keys fan out into two directory levels from the first
 * characters of their last segment ({@code frames/0123abcd...} → {@code frames/01/23/0123abcd...}) so no
 * directory grows huge. A put writes a temporary file in {@code .tmp/}, fsyncs it, renames it into place
 * atomically and fsyncs the directory; temporary files a crash left behind are removed when the store opens.
 * Nothing is kept in extended attributes. A format marker at the root lets a later layout be migrated instead
 * of misread.
 */
public final class FileSystemBlobStore implements BlobStore {
    static final String FORMAT_MARKER = "openahi-blobs.json";
    private static final String FORMAT = "{\"format\":1}\n";
    static final String TEMPORARY_FOLDER = ".tmp";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path root;
    private final Path temporaries;

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
        Files.createDirectories(target.getParent());
        Path temporary = temporaries.resolve(UUID.randomUUID().toString());
        try {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                copyExactly(content, Channels.newOutputStream(channel), length, key);
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The blob directory's file system cannot rename atomically: " + root, e);
            }
            syncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temporary);
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
        Files.deleteIfExists(pathOf(key));
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
        return Files.find(
                        folder,
                        Integer.MAX_VALUE,
                        (path, attributes) -> attributes.isRegularFile()
                                && !path.startsWith(temporaries)
                                && !path.equals(root.resolve(FORMAT_MARKER)))
                .map(this::info);
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

    private BlobInfo info(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new BlobInfo(
                    keyOf(file),
                    attributes.size(),
                    attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
