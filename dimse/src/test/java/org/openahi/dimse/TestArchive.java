package org.openahi.dimse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openahi.core.account.Account;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.NewDatastore;
import org.openahi.core.dicomweb.DecodedFrameFiles;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.DocumentCache;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.core.imageset.VersionDocuments;
import org.openahi.core.importing.FoldRunner;
import org.openahi.core.importing.ImportLimits;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.core.importing.PendingFrames;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.page.PageTokens;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.tier.StorageTiers;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.dimse.scp.Services;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.store.fs.FileSystemBlobStore;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;

/**
 * An archive for the DIMSE tests: SQLite and a blob folder under {@code directory}, the core services on them, and a
 * DICOM listener on a free loopback port.
 */
final class TestArchive implements AutoCloseable {
    final Path directory;
    final MetadataStore store;
    final FileSystemBlobStore blobs;
    final DatastoreService datastores;
    final DimseServer server;
    private final ExecutorService importWorkers;
    private final FoldRunner folds;
    private final InstanceIngest importer;
    static final ImportLimits LIMITS = new ImportLimits(5000, 10L << 30, 4L << 30);

    private TestArchive(Path directory, DimseSettings settings, DimseObserver observer) throws IOException {
        this.directory = directory;
        this.store = JdbcMetadataStore.open(JdbcSettings.of("jdbc:sqlite:" + directory.resolve("openahi.db")));
        this.blobs = new FileSystemBlobStore(directory.resolve("blobs"));
        this.datastores = new DatastoreService(
                store, new Account("us-east-1", "000000000000"), Clock.systemUTC(), new PageTokens(new byte[32]), 100);
        this.importWorkers = Executors.newFixedThreadPool(2);
        BlobCleanup cleanup = new BlobCleanup(store, blobs, Clock.systemUTC(), Duration.ofHours(1));
        this.folds = new FoldRunner(
                store, blobs, Clock.systemUTC(), new FoldRunner.Settings(Duration.ofMinutes(1), Duration.ofSeconds(1)));
        folds.start();
        this.importer = new InstanceIngest(
                store,
                blobs,
                new FrameTranscoder(DecodedFrameSink.NONE),
                new PendingFrames(store, blobs, new FrameTranscoder(DecodedFrameSink.NONE), PendingFrames.Settings.OFF),
                ReadOptions.defaults(),
                folds,
                cleanup,
                importWorkers,
                LIMITS,
                Clock.systemUTC());
        Map<String, InetSocketAddress> destinations = new HashMap<>();
        settings.destinations()
                .forEach((ae, destination) ->
                        destinations.put(ae, new InetSocketAddress(destination.host(), destination.port())));
        FrameReader frames =
                new FrameReader(blobs, new FrameTranscoder(DecodedFrameSink.NONE), 0, DecodedFrameFiles.off());
        DocumentBlobs documents = new DocumentBlobs(blobs);
        DicomWebReads reads = new DicomWebReads(
                store,
                new VersionDocuments(store, documents),
                new DocumentCache(documents, 1 << 20),
                new StorageTiers(
                        store, Clock.systemUTC(), new StorageTiers.Settings(Duration.ofDays(30), Duration.ofHours(1))));
        Services services = new Services(
                store,
                importer,
                LIMITS.maxFileBytes(),
                settings.spoolDirectory(),
                reads,
                new StoredInstances(reads, frames),
                destinations,
                settings.association(),
                observer);
        this.server = DimseServer.start(settings, store, services::forDatastore, observer);
    }

    static TestArchive start(Path directory) throws IOException {
        return start(directory, settings(directory), DimseObserver.NONE);
    }

    /** Loopback defaults, C-STOREs spooled under {@code directory}. */
    static DimseSettings settings(Path directory) {
        return DimseSettings.local(directory.resolve("spool"));
    }

    static TestArchive start(Path directory, DimseSettings settings, DimseObserver observer) throws IOException {
        return new TestArchive(directory, settings, observer);
    }

    /** A new ACTIVE data store named {@code name}; its id. */
    String createDatastore(String name) {
        return datastores
                .create(new NewDatastore(
                        UUID.randomUUID().toString(),
                        Optional.of(name),
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .datastore()
                .id();
    }

    /** Stores files through the write path in one call (one commit), as a fixture for the query tests. */
    void importFiles(String datastoreId, List<Path> files) throws IOException {
        List<InstanceIngest.Upload> uploads = new ArrayList<>();
        for (Path file : files) {
            uploads.add(new InstanceIngest.Upload(file.toString(), Files.size(file), () -> Files.newInputStream(file)));
        }
        for (InstanceIngest.Outcome outcome : importer.store(datastoreId, Optional.empty(), uploads)) {
            if (outcome instanceof InstanceIngest.Failed failed) {
                throw new IllegalStateException(failed.message());
            }
        }
    }

    int port() {
        return server.port();
    }

    static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Override
    public void close() {
        server.close();
        folds.close();
        importWorkers.shutdownNow();
        store.close();
    }
}
