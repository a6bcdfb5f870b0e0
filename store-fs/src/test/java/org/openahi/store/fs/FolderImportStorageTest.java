package org.openahi.store.fs;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.importing.ImportStorage;
import org.openahi.store.tck.ImportStorageContract;

class FolderImportStorageTest extends ImportStorageContract {
  @TempDir
  Path root;

  @Override
  protected ImportStorage openStorage() {
    return new FolderImportStorage(List.of(root));
  }

  @Override
  protected String newFolder() throws Exception {
    return Files.createDirectory(root.resolve("in")).toUri().toString();
  }

  @Override
  protected void putInput(String folderUri, String relativePath, byte[] content) throws Exception {
    Path file = Path.of(URI.create(folderUri)).resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }
}
