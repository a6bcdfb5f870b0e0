package org.openahi.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.TieredBlobStore;
import org.openahi.core.importing.ImportStorage;
import org.openahi.core.importing.ImportStorages;
import org.openahi.server.config.ServerConfig;
import org.openahi.server.metrics.MeteredBlobStore;
import org.openahi.store.fs.FileSystemBlobStore;
import org.openahi.store.fs.FolderImportStorage;
import org.openahi.store.s3.S3BlobStore;
import org.openahi.store.s3.S3Clients;
import org.openahi.store.s3.S3ImportStorage;
import org.openahi.store.s3.S3Settings;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The byte storage the configuration names: the blob store (with the archive location for archived image sets' blobs,
 * when one is configured), and where imports read and write. The S3 client is built
 * the first time something needs it (an s3:// blob store at start, or the first import job from S3): building it
 * loads a third of the classes the server would otherwise start with.
 */
final class Storage implements AutoCloseable {
    private final ServerConfig.S3 s3Config;
    private S3Client s3;
    private final BlobStore blobs;
    private final Optional<TieredBlobStore> tiered;
    private final ImportStorage imports;

    /** @param metered the metrics each blob store location records its operations in */
    Storage(ServerConfig config, MeteredBlobStore.Instruments metered) {
        this.s3Config = config.s3();
        BlobStore primary = new MeteredBlobStore(blobStore(config.blobStore()), metered);
        this.tiered = config.tiers()
                .archiveBlobStore()
                .map(archive -> new TieredBlobStore(primary, new MeteredBlobStore(blobStore(archive), metered)));
        this.blobs = tiered.isPresent() ? tiered.get() : primary;
        this.imports =
                new ImportStorages(List.of(new S3ImportStorage(this::s3), new FolderImportStorage(config.fileRoots())));
    }

    /** The blob store: the primary location, or both it and the archive location when one is configured. */
    BlobStore blobs() {
        return blobs;
    }

    /** The two locations, when archived image sets' blobs are moved to their own. */
    Optional<TieredBlobStore> tiered() {
        return tiered;
    }

    ImportStorage imports() {
        return imports;
    }

    private synchronized S3Client s3() {
        if (s3 == null) {
            s3 = S3Clients.create(new S3Settings(
                    s3Config.endpoint(),
                    s3Config.region(),
                    s3Config.accessKeyId(),
                    s3Config.secretAccessKey(),
                    s3Config.pathStyle()));
        }
        return s3;
    }

    private BlobStore blobStore(String location) {
        if (location.startsWith("s3://")) {
            String rest = location.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            return new S3BlobStore(s3(), bucket, prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/");
        }
        try {
            return new FileSystemBlobStore(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the blob store " + location, e);
        }
    }

    @Override
    public synchronized void close() {
        blobs.close();
        if (s3 != null) {
            s3.close();
        }
    }
}
