package org.openahi.core.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.openahi.core.account.Account;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.NewDatastore;
import org.openahi.core.events.RecordingStore;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.core.imageset.ImageSetWork;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.imageset.VersionDocuments;
import org.openahi.core.importing.DicomJobImporter;
import org.openahi.core.importing.FileOutcome;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobService;
import org.openahi.core.importing.ImportJobWork;
import org.openahi.core.importing.ImportLimits;
import org.openahi.core.importing.ImportStorage;
import org.openahi.core.importing.JobManifests;
import org.openahi.core.importing.NewImportJob;
import org.openahi.core.importing.PendingFrames;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.MetadataTrees;
import org.openahi.core.page.PageTokens;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.tier.StorageTiers;
import org.openahi.core.work.Lease;
import org.openahi.core.work.LeasedWorkers;
import org.openahi.core.work.WorkMeter;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.testing.MovableClock;
import org.openahi.testing.SharedCorpus;

/**
 * {@code core}'s services and background work wired on the in-memory ports as the server's {@code Domain} and
 * {@code Background} wire them on real ones, without HTTP. Background work runs when a test says so, on its thread
 * ({@link LeasedWorkers#runClaimableNow()}); the clock moves only when a test moves it.
 */
public final class MemoryCore implements AutoCloseable {
    public static final Account ACCOUNT = new Account("us-east-1", "123456789012");
    public static final Duration LEASE = Duration.ofMinutes(1);
    public static final int MAX_ATTEMPTS = 3;

    /**
     * The manifests an import job writes: one line per file, "{@code <kind> <input> <image set>}", in outcome order
     * (AHI's own format belongs to the front door).
     */
    public static final JobManifests MANIFESTS = (job, scanned, outcomes) -> {
        StringBuilder lines = new StringBuilder();
        for (FileOutcome outcome : outcomes) {
            lines.append(outcome.kind())
                    .append(' ')
                    .append(outcome.inputFile())
                    .append(' ')
                    .append(outcome.imageSetId().orElse("-"))
                    .append('\n');
        }
        return Map.of("outcomes.txt", lines.toString().getBytes(StandardCharsets.UTF_8));
    };

    /** Stands still until a test moves it: leases run out when the test says so, not when the test is slow. */
    public final MovableClock clock = MovableClock.stoppedAt(Instant.parse("2026-12-06T10:00:00Z"));

    public final MemoryMetadataStore database = new MemoryMetadataStore();
    /** The store every service uses: it records AHI's events in each change's transaction, as the server's does. */
    public final MetadataStore store = new RecordingStore(database, ACCOUNT, clock, () -> {});

    public final MemoryBlobStore blobs = new MemoryBlobStore(clock);
    public final MemoryImportStorage folders = new MemoryImportStorage();
    private final PageTokens pageTokens = new PageTokens(new byte[32]);
    private final DocumentBlobs documents = new DocumentBlobs(blobs);
    private final VersionDocuments versions = new VersionDocuments(store, documents);
    private final StorageTiers tiers =
            new StorageTiers(store, clock, new StorageTiers.Settings(Duration.ofDays(30), Duration.ofHours(1)));
    private final BlobCleanup cleanup = new BlobCleanup(store, blobs, clock, Duration.ofHours(1));
    private final ExecutorService importWorkers = Executors.newFixedThreadPool(2);

    public final DatastoreService datastores = new DatastoreService(store, ACCOUNT, clock, pageTokens, 10);
    public final ImageSetReads reads = new ImageSetReads(
            store, blobs, versions, ACCOUNT, pageTokens, tiers, new FrameTranscoder(DecodedFrameSink.NONE));
    public final ImageSetWrites writes =
            new ImageSetWrites(store, versions, clock, new ImageSetWrites.Limits(10 << 20, 10_000), () -> {}, tiers);
    public final ImportJobService imports = new ImportJobService(store, folders, clock, pageTokens, 10, () -> {});
    public final ImageSetWork imageSetWork = new ImageSetWork(store, blobs, documents, versions, clock);
    public final LeasedWorkers<PendingWork.Key, PendingWork> imageSetWorkers =
            new LeasedWorkers<>(imageSetWork, store, cleanup, clock, settings(), WorkMeter.NONE);
    public final ImportJobWork importJobWork = new ImportJobWork(
            store,
            folders,
            new DicomJobImporter(
                    store,
                    blobs,
                    folders,
                    new FrameTranscoder(DecodedFrameSink.NONE),
                    new PendingFrames(
                            store, blobs, new FrameTranscoder(DecodedFrameSink.NONE), PendingFrames.Settings.OFF),
                    ReadOptions.defaults(),
                    importWorkers,
                    ImportLimits.AHI,
                    clock,
                    WorkMeter.NONE),
            MANIFESTS,
            clock);
    public final LeasedWorkers<String, ImportJob> importJobWorkers =
            new LeasedWorkers<>(importJobWork, store, cleanup, clock, settings(), WorkMeter.NONE);

    private static LeasedWorkers.Settings settings() {
        return new LeasedWorkers.Settings("memory-node", 2, LEASE, MAX_ATTEMPTS, Duration.ofSeconds(1));
    }

    /** The files of folders of the shared corpus, in name order. */
    public static List<Path> corpusFiles(String... folders) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : folders) {
            try (Stream<Path> listed = Files.list(SharedCorpus.dicom(folder))) {
                listed.sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** A new ACTIVE data store's id. */
    public String createDatastore() {
        return datastores
                .create(new NewDatastore(
                        Ids.newId(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty()))
                .datastore()
                .id();
    }

    /** Puts the files in a new input folder, named by their file names; returns the folder's URI. */
    public String inputFolder(List<Path> files) throws IOException {
        String folder = MemoryImportStorage.SCHEME + "in/" + Ids.newId() + "/";
        Map<String, Path> byName = new LinkedHashMap<>();
        files.forEach(file -> byName.put(file.getFileName().toString(), file));
        for (Map.Entry<String, Path> file : byName.entrySet()) {
            folders.put(folder + file.getKey(), Files.readAllBytes(file.getValue()));
        }
        return folder;
    }

    /** Starts an import job of the folder into the data store (StartDICOMImportJob); it runs when work runs. */
    public ImportJob startImport(String datastoreId, String inputFolder) {
        return imports.start(
                        datastoreId,
                        new NewImportJob(
                                Ids.newId(),
                                Optional.empty(),
                                "arn:aws:iam::123456789012:role/import",
                                inputFolder,
                                MemoryImportStorage.SCHEME + "out/",
                                Optional.empty(),
                                List.of()))
                .job();
    }

    /**
     * Claims an import job's lease for {@code owner} and starts the job, as a node taking it does; the lease returned
     * fences what a run of it commits ({@link DicomJobImporter#importFiles}).
     */
    public Lease claimImport(String jobId, String owner) {
        Instant now = clock.instant();
        long epoch = store.write(tx -> {
            long claimed = tx.leases()
                    .claim("import", jobId, owner, now, now.plus(LEASE))
                    .orElseThrow();
            tx.importJobs().start(jobId);
            return claimed;
        });
        return new Lease("import", jobId, owner, epoch);
    }

    /** An importer of its own, reading from {@code storage}, storing in {@code blobs}, its files read on {@code pool}. */
    public DicomJobImporter importer(
            ImportStorage storage, BlobStore blobs, PendingFrames pending, ExecutorService pool) {
        return new DicomJobImporter(
                store,
                blobs,
                storage,
                new FrameTranscoder(DecodedFrameSink.NONE),
                pending,
                ReadOptions.defaults(),
                pool,
                ImportLimits.AHI,
                clock,
                WorkMeter.NONE);
    }

    /** Imports the files as one job and runs it to its end; returns the job as it ended. */
    public ImportJob importFiles(String datastoreId, List<Path> files) throws IOException {
        ImportJob job = startImport(datastoreId, inputFolder(files));
        importJobWorkers.runClaimableNow();
        return store.read(tx -> tx.importJobs().find(job.id())).orElseThrow();
    }

    /** The metadata document of a version of an image set (the latest when empty), as GetImageSetMetadata reads it. */
    public ObjectNode metadata(String datastoreId, String imageSetId, Optional<String> version) throws IOException {
        try (InputStream in = new GZIPInputStream(reads.metadata(datastoreId, imageSetId, version))) {
            return MetadataTrees.read(in);
        }
    }

    @Override
    public void close() {
        importJobWorkers.close();
        imageSetWorkers.close();
        importWorkers.shutdownNow();
        store.close();
    }
}
