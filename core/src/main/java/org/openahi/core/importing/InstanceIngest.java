package org.openahi.core.importing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.WorkOwners;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Checkpoints;
import org.openahi.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores DICOM instances handed over by a client — a STOW-RS request, a DIMSE association — rather than listed from
 * an input folder, through the import jobs' own path: each instance is read and its frames stored as an import job's
 * file is ({@link FileImporter}), then staged durably, with its own attributes, in one transaction: from then on it
 * survives a crash and may be acknowledged. The {@link FoldRunner} folds staged instances into image sets as import
 * jobs do ({@link ImportCommit}), at a cost that does not grow with the image set, concurrent writers to one series
 * sharing versions rather than conflicting. An instance that fails leaves no trace: its blobs are removed.
 */
public final class InstanceIngest {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceIngest.class);

    /** An instance handed over: {@code name} identifies it in messages (e.g. "part 3"). */
    public record Upload(String name, long size, InputOpener source) {}

    /** What happened to one upload once it was folded, in the order the uploads were given. */
    public sealed interface Outcome permits Stored, Failed {}

    /** What staging one upload gave: staged (durable), or not stored. */
    public sealed interface Staging permits Staged, Failed {}

    /** Stored in image set {@code imageSetId} at {@code version}; {@code warning} as an import job's WARNING. */
    public record Stored(
            String sopClassUid,
            String sopInstanceUid,
            String studyInstanceUid,
            String seriesInstanceUid,
            String imageSetId,
            int version,
            boolean primary,
            Optional<String> warning)
            implements Outcome {}

    /**
     * Staged durably: the instance survives a crash and will be folded into an image set, so it may be acknowledged;
     * {@code stored} completes once it is folded.
     */
    public record Staged(
            String sopClassUid,
            String sopInstanceUid,
            String studyInstanceUid,
            String seriesInstanceUid,
            Optional<String> warning,
            CompletableFuture<Stored> stored)
            implements Staging {}

    /** Not stored; the UIDs when the file was read far enough to know them. */
    public record Failed(Optional<String> sopClassUid, Optional<String> sopInstanceUid, Reason reason, String message)
            implements Outcome, Staging {}

    public enum Reason {
        /** Not a readable DICOM file, or one missing what an image set needs. */
        NOT_UNDERSTOOD,
        /** Larger than the configured largest file. */
        TOO_LARGE,
        /** Of another study than the request names. */
        OTHER_STUDY,
        /** The server failed (pixel verification, storage). */
        PROCESSING_FAILURE
    }

    private final MetadataStore store;
    private final FileImporter files;
    private final BlobStore blobs;
    private final FoldRunner folds;
    private final BlobCleanup cleanup;
    private final ExecutorService workers;
    private final ImportLimits limits;
    private final Clock clock;

    /**
     * @param pending where uncompressed frames are stored until they are encoded
     * @param workers the pool instances are read and their frames encoded on, in parallel
     */
    public InstanceIngest(
            MetadataStore store,
            BlobStore blobs,
            FrameTranscoder transcoder,
            PendingFrames pending,
            ReadOptions readOptions,
            FoldRunner folds,
            BlobCleanup cleanup,
            ExecutorService workers,
            ImportLimits limits,
            Clock clock) {
        this.store = store;
        this.files = new FileImporter(blobs, transcoder, readOptions, pending);
        this.blobs = blobs;
        this.folds = folds;
        this.cleanup = cleanup;
        this.workers = workers;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Stores a STOW-RS request's uploads: stages them (the uploads read in parallel, staged in one transaction), then
     * waits until they are folded, so the answer names the image sets that hold them.
     *
     * @param study when present, uploads of another study fail with {@link Reason#OTHER_STUDY} (StoreDICOMStudy)
     * @throws NotFound when the data store does not exist
     * @throws Conflict when it is not ACTIVE
     */
    public List<Outcome> store(String datastoreId, Optional<String> study, List<Upload> uploads) {
        Datastore datastore = requireActive(datastoreId);
        String workId = "stow-" + Ids.newId();
        boolean allStored = false;
        try (WorkOwners.Registration owner = WorkOwners.register(workId, datastoreId)) {
            List<Outcome> outcomes = new ArrayList<>();
            for (Staging staging : stage(datastore, workId, study, 0, uploads, true)) {
                outcomes.add(
                        switch (staging) {
                            case Failed failed -> failed;
                            case Staged staged -> await(staged);
                        });
            }
            allStored = outcomes.stream().allMatch(Stored.class::isInstance);
            return outcomes;
        } finally {
            // Every blob of a request whose instances were all stored is referenced: listing them is wasted work.
            if (!allStored) {
                cleanUp(workId);
            }
        }
    }

    /**
     * A session for instances arriving one at a time (a DIMSE association): each is staged as it comes, and folded
     * in the background.
     *
     * @throws NotFound when the data store does not exist
     * @throws Conflict when it is not ACTIVE
     */
    public Session open(String datastoreId) {
        return new Session(requireActive(datastoreId), "dimse-" + Ids.newId());
    }

    /** Instances of one client connection; close it when the connection ends. */
    public final class Session implements AutoCloseable {
        private final Datastore datastore;
        private final String workId;
        private final AtomicInteger sequence = new AtomicInteger();
        private final WorkOwners.Registration owner;
        private final Set<CompletableFuture<Stored>> unfolded = ConcurrentHashMap.newKeySet();

        private Session(Datastore datastore, String workId) {
            this.datastore = datastore;
            this.workId = workId;
            this.owner = WorkOwners.register(workId, datastore.id());
        }

        /**
         * Reads the instance, stores its frames and stages it; returns once it is durable ({@link Staged}: it may be
         * acknowledged), or why it was not stored ({@link Failed}: nothing of it is left).
         *
         * @throws Conflict when the data store was deleted since the session opened
         */
        public Staging stage(Upload upload) {
            Staging staging = InstanceIngest.this
                    .stage(datastore, workId, Optional.empty(), sequence.getAndIncrement(), List.of(upload), false)
                    .get(0);
            if (staging instanceof Staged staged) {
                unfolded.add(staged.stored());
                staged.stored().whenComplete((stored, failure) -> unfolded.remove(staged.stored()));
            }
            return staging;
        }

        /**
         * Waits until every instance this session staged is folded (searchable), at most {@code max}; false when some
         * are still staged then (durable all the same, folded later).
         */
        public boolean awaitFolded(Duration max) {
            try {
                CompletableFuture.allOf(unfolded.toArray(CompletableFuture[]::new))
                        .get(max.toNanos(), TimeUnit.NANOSECONDS);
                return true;
            } catch (ExecutionException e) {
                return true; // every fold ended; the fold runner reports the one that failed
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Removes what failed instances left; staged ones are folded whether or not the session is open. */
        @Override
        public void close() {
            try {
                cleanUp(workId);
            } finally {
                owner.close();
            }
        }
    }

    private Datastore requireActive(String datastoreId) {
        return store.read(tx -> requireActive(tx, datastoreId));
    }

    private static Datastore requireActive(Transaction tx, String datastoreId) {
        Datastore datastore = tx.datastores()
                .find(datastoreId)
                .orElseThrow(() -> new NotFound("Datastore " + datastoreId + " not found"));
        if (datastore.status() != DatastoreStatus.ACTIVE) {
            throw new Conflict("Datastore " + datastoreId + " is " + datastore.status() + "; only an ACTIVE data store "
                    + "stores instances");
        }
        return datastore;
    }

    /**
     * Reads the uploads in parallel, then stages those that were read in one transaction; the fold runner knows they
     * are coming from the start ({@link FoldRunner#expect}).
     *
     * @param firstSequence the first upload's place in the work's input
     * @param awaited whether the caller waits for the fold before answering
     */
    private List<Staging> stage(
            Datastore datastore,
            String workId,
            Optional<String> study,
            int firstSequence,
            List<Upload> uploads,
            boolean awaited) {
        try (FoldRunner.Arrival arrival = folds.expect(uploads.size())) {
            String datastoreId = datastore.id();
            List<Future<FileImporter.Result>> pending = new ArrayList<>();
            for (int i = 0; i < uploads.size(); i++) {
                int sequence = firstSequence + i;
                Upload upload = uploads.get(i);
                pending.add(workers.submit(() -> upload.size() > limits.maxFileBytes()
                        ? FileImporter.Result.failed(
                                upload.name(),
                                FileFailure.TOO_LARGE,
                                upload.size() + " bytes; instances of at most " + limits.maxFileBytes()
                                        + " bytes are stored")
                        : files.importFile(
                                workId,
                                sequence,
                                upload.name(),
                                upload.size(),
                                upload.source(),
                                limits,
                                datastore.losslessStorageFormat())));
            }
            Staging[] outcomes = new Staging[uploads.size()];
            List<StagedInstance> read = new ArrayList<>();
            List<Integer> places = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                FileImporter.Result result =
                        await(pending.get(i), uploads.get(i).name());
                if (result.failure().isPresent()) {
                    outcomes[i] = failed(result.failure().get());
                    continue;
                }
                StagedInstance instance = result.staged().orElseThrow();
                String instanceStudy = instance.identity().studyInstanceUid();
                if (study.isPresent() && !study.get().equals(instanceStudy)) {
                    outcomes[i] = new Failed(
                            instance.sopClassUid(),
                            Optional.of(instance.metadata().sopInstanceUid()),
                            Reason.OTHER_STUDY,
                            uploads.get(i).name() + " belongs to study " + instanceStudy + ", not " + study.get());
                    deleteFrames(instance);
                } else {
                    read.add(instance);
                    places.add(i);
                }
            }
            if (read.isEmpty()) {
                return List.of(outcomes);
            }
            try {
                store.write(tx -> {
                    // Checked again with the write: a data store deleted since the request began takes no instance.
                    requireActive(tx, datastoreId);
                    tx.staging().insert(datastoreId, workId, clock.instant(), read);
                    return null;
                });
            } catch (OpenAhiException e) {
                read.forEach(this::deleteFrames);
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("{} could not stage {} instances: {}", workId, read.size(), e.toString());
                for (int i = 0; i < read.size(); i++) {
                    StagedInstance instance = read.get(i);
                    deleteFrames(instance);
                    outcomes[places.get(i)] = new Failed(
                            instance.sopClassUid(),
                            Optional.of(instance.metadata().sopInstanceUid()),
                            Reason.PROCESSING_FAILURE,
                            "the instance could not be stored: " + e.getMessage());
                }
                return List.of(outcomes);
            }
            Checkpoints.reach("ingest.staged");
            List<CompletableFuture<FoldRunner.Folded>> folded =
                    arrival.submit(read.stream().map(StagedInstance::id).toList(), awaited);
            for (int i = 0; i < read.size(); i++) {
                StagedInstance instance = read.get(i);
                String sopClassUid = instance.sopClassUid().orElse("");
                String sopInstanceUid = instance.metadata().sopInstanceUid();
                String studyUid = instance.identity().studyInstanceUid();
                String seriesUid = instance.identity().seriesInstanceUid();
                outcomes[places.get(i)] = new Staged(
                        sopClassUid,
                        sopInstanceUid,
                        studyUid,
                        seriesUid,
                        instance.warning(),
                        folded.get(i)
                                .thenApply(at -> new Stored(
                                        sopClassUid,
                                        sopInstanceUid,
                                        studyUid,
                                        seriesUid,
                                        at.imageSetId(),
                                        at.version(),
                                        at.primary(),
                                        instance.warning())));
            }
            return List.of(outcomes);
        }
    }

    private Outcome await(Staged staged) {
        try {
            return staged.stored().join();
        } catch (CompletionException e) {
            return new Failed(
                    Optional.of(staged.sopClassUid()),
                    Optional.of(staged.sopInstanceUid()),
                    Reason.PROCESSING_FAILURE,
                    "the instance could not be stored: " + e.getCause());
        }
    }

    private void deleteFrames(StagedInstance instance) {
        for (StagedInstance.StagedFrame frame : instance.frames()) {
            try {
                blobs.delete(frame.blobKey());
            } catch (IOException e) {
                // Left for the blob cleanup.
            }
        }
    }

    private void cleanUp(String workId) {
        try {
            cleanup.cleanWork(workId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: unreferenced blobs are left for the periodic clean-up: {}", workId, e.toString());
        }
    }

    private static Failed failed(FileOutcome failure) {
        Reason reason = switch (failure.failure().orElseThrow()) {
            case INVALID_FILE -> Reason.NOT_UNDERSTOOD;
            case TOO_LARGE -> Reason.TOO_LARGE;
            case SERVER_ERROR -> Reason.PROCESSING_FAILURE;
        };
        return new Failed(
                Optional.empty(),
                Optional.empty(),
                reason,
                failure.inputFile() + ": " + failure.message().orElseThrow());
    }

    private static FileImporter.Result await(Future<FileImporter.Result> result, String name) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FileImporter.Result.failed(name, FileFailure.SERVER_ERROR, "the server is stopping");
        } catch (ExecutionException e) {
            return FileImporter.Result.failed(
                    name, FileFailure.SERVER_ERROR, "the file could not be imported: " + e.getCause());
        }
    }
}
