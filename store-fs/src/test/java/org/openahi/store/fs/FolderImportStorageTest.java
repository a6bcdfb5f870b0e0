package org.openahi.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.importing.ImportStorage;
import org.openahi.store.tck.ImportStorageContract;

class FolderImportStorageTest extends ImportStorageContract {
    private static final byte[] SECRET = "root:x:0:0:the secret outside the roots".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    @TempDir
    Path outside;

    @Test
    void anInputFileLinkingOutsideTheRootsIsListedButNeverRead() throws Exception {
        Path secret = Files.write(outside.resolve("passwd"), SECRET);
        Path input = Files.createDirectory(root.resolve("with-links"));
        Files.write(input.resolve("a.dcm"), new byte[] {1, 2, 3});
        Files.createSymbolicLink(input.resolve("b-passwd"), secret);
        ImportStorage storage = openStorage();

        List<ImportStorage.InputObject> listed = storage.list(input.toUri().toString());
        assertThat(listed)
                .extracting(ImportStorage.InputObject::key)
                .containsExactly(
                        input.resolve("a.dcm").toString(),
                        input.resolve("b-passwd").toString());
        assertThat(listed.get(1).size())
                .as("not even the size of a file outside is read")
                .isZero();
        try (InputStream in = storage.open(listed.get(0))) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThatThrownBy(() -> storage.open(listed.get(1)))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("OPENAHI_FILE_ROOTS")
                .hasMessageNotContaining("secret");
    }

    @Test
    void anInputFolderLinkingOutsideTheRootsIsRefused() throws Exception {
        Files.write(outside.resolve("passwd"), SECRET);
        Path link = Files.createSymbolicLink(root.resolve("linked-in"), outside);
        ImportStorage storage = openStorage();
        assertThatThrownBy(() -> storage.checkAllowed(link.toUri().toString()))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> storage.list(link.toUri().toString())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void manifestsAreNeverWrittenThroughALinkLeadingOutside() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("out"), outside);
        ImportStorage storage = openStorage();
        assertThatThrownBy(() -> storage.write(link.toUri().toString(), "job/SUCCESS/success.ndjson", new byte[] {1}))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> storage.write(link.toUri().toString(), "job.json", new byte[] {1}))
                .isInstanceOf(AccessDeniedException.class);
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).as("nothing created outside the roots").isEmpty();
        }
    }

    @Test
    void aRootThatIsItselfALinkStillServesWhatIsInsideIt() throws Exception {
        Path real = Files.createDirectory(outside.resolve("data"));
        Path linkedRoot = Files.createSymbolicLink(root.resolve("linked-root"), real);
        Files.write(Files.createDirectory(real.resolve("in")).resolve("a.dcm"), new byte[] {7});
        ImportStorage storage = new FolderImportStorage(List.of(linkedRoot));
        String folder = linkedRoot.resolve("in").toUri().toString();
        List<ImportStorage.InputObject> listed = storage.list(folder);
        try (InputStream in = storage.open(listed.get(0))) {
            assertThat(in.readAllBytes()).containsExactly(7);
        }
        storage.write(linkedRoot.resolve("out").toUri().toString(), "job.json", new byte[] {9});
        assertThat(Files.readAllBytes(real.resolve("out").resolve("job.json"))).containsExactly(9);
    }

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
