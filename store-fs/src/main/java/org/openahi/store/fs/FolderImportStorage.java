package org.openahi.store.fs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.importing.ImportStorage;

/**
 * Import input and output in local folders, named {@code file:///absolute/path/} — openahi's extension to
 * AHI's S3 URIs for the embedded mode. Clients may only name folders inside the configured roots
 * ({@code OPENAHI_FILE_ROOTS}); without roots, file URIs are refused. Manifests name input files by their
 * absolute path.
 *
 * <p>Inside means inside once every symbolic link is resolved: a link under a root can point anywhere, so the real
 * path of the input folder, of every input file (checked again when it is opened, and the resolved file opened) and
 * of the output folder (checked before anything is created in it) must be inside the real path of a root. An input
 * file leading outside is not read: its import fails saying so.
 */
public final class FolderImportStorage implements ImportStorage {
    private static final String OUTSIDE = "it is outside the folders this server allows (OPENAHI_FILE_ROOTS)";

    private final List<Path> roots;

    public FolderImportStorage(List<Path> roots) {
        this.roots =
                roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
    }

    @Override
    public boolean serves(String uri) {
        return uri.startsWith("file:");
    }

    @Override
    public void checkAllowed(String uri) {
        Path folder = folder(uri);
        if (Files.exists(folder) && !insideRoots(realPath(folder))) {
            throw new InvalidRequest("'" + uri + "' leads outside the folders this server allows (OPENAHI_FILE_ROOTS) "
                    + "through a symbolic link");
        }
    }

    @Override
    public List<InputObject> list(String folderUri) throws IOException {
        Path folder = folder(folderUri);
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "the input folder does not exist");
        }
        if (!insideRoots(folder.toRealPath())) {
            throw new AccessDeniedException(folder.toString(), null, OUTSIDE);
        }
        List<InputObject> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                // A file leading outside is listed (its import fails, saying why) but never looked at, not even its
                // size.
                long size = insideRoots(file.toRealPath()) ? Files.size(file) : 0;
                inputs.add(new InputObject(file.toUri().toString(), file.toString(), size));
            }
        }
        return inputs;
    }

    @Override
    public InputStream open(InputObject object) throws IOException {
        Path file = Path.of(URI.create(object.uri()));
        Path real = file.toRealPath();
        if (!insideRoots(real)) {
            throw new AccessDeniedException(file.toString(), null, OUTSIDE);
        }
        return Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void write(String folderUri, String name, byte[] content) throws IOException {
        write(folderUri, name, temporary -> Files.write(temporary, content));
    }

    @Override
    public void write(String folderUri, String name, Path content) throws IOException {
        write(folderUri, name, temporary -> Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING));
    }

    @FunctionalInterface
    private interface Filling {
        void fill(Path temporary) throws IOException;
    }

    /** Fills a temporary file beside the target, then renames it over the target, inside the roots. */
    private void write(String folderUri, String name, Filling filling) throws IOException {
        Path target = folder(folderUri).resolve(name).normalize();
        Path parent = target.getParent();
        Path existing = parent;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!insideRoots(existing.toRealPath())) {
            throw new AccessDeniedException(parent.toString(), null, OUTSIDE);
        }
        Files.createDirectories(parent);
        Path realParent = parent.toRealPath();
        if (!insideRoots(realParent)) {
            throw new AccessDeniedException(parent.toString(), null, OUTSIDE);
        }
        Path temporary = realParent.resolve(".tmp-" + UUID.randomUUID());
        try {
            filling.fill(temporary);
            // A rename replaces a link at the target rather than writing through it.
            Files.move(
                    temporary,
                    realParent.resolve(target.getFileName()),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Path folder(String uri) {
        Path path;
        try {
            URI parsed = URI.create(uri);
            if (parsed.getAuthority() != null && !parsed.getAuthority().isEmpty()) {
                throw new IllegalArgumentException("a file URI names no host");
            }
            path = Path.of(parsed).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(
                    "'" + uri + "' is not a file URI of the form file:///absolute/folder/ (" + e.getMessage() + ")");
        }
        if (roots.isEmpty()) {
            throw new InvalidRequest("file:// URIs are disabled on this server: set OPENAHI_FILE_ROOTS to the folders "
                    + "clients may import from and write results to");
        }
        if (roots.stream().noneMatch(path::startsWith)) {
            throw new InvalidRequest("'" + uri + "' is outside the folders this server allows (OPENAHI_FILE_ROOTS)");
        }
        return path;
    }

    /** Whether a real path (every link resolved) is inside the real path of a root that exists. */
    private boolean insideRoots(Path real) {
        for (Path root : roots) {
            if (Files.exists(root) && real.startsWith(realPath(root))) {
                return true;
            }
        }
        return false;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
