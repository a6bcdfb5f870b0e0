package org.openahi.store.fs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 */
public final class FolderImportStorage implements ImportStorage {
  private final List<Path> roots;

  public FolderImportStorage(List<Path> roots) {
    this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
  }

  @Override
  public boolean serves(String uri) {
    return uri.startsWith("file:");
  }

  @Override
  public void checkAllowed(String uri) {
    folder(uri);
  }

  @Override
  public List<InputObject> list(String folderUri) throws IOException {
    Path folder = folder(folderUri);
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "the input folder does not exist");
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).sorted()
          .map(file -> new InputObject(file.toUri().toString(), file.toString(), size(file)))
          .toList();
    }
  }

  @Override
  public InputStream open(InputObject object) throws IOException {
    return Files.newInputStream(Path.of(URI.create(object.uri())));
  }

  @Override
  public void write(String folderUri, String name, byte[] content) throws IOException {
    Path target = folder(folderUri).resolve(name).normalize();
    Files.createDirectories(target.getParent());
    Path temporary = target.resolveSibling(".tmp-" + UUID.randomUUID());
    Files.write(temporary, content);
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
      throw new InvalidRequest("'" + uri + "' is not a file URI of the form file:///absolute/folder/ ("
          + e.getMessage() + ")");
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

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
