package org.openahi.core.importing;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.metadata.AppliedOverride;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.work.Checkpoints;
import org.openahi.core.work.FailureCode;
import org.openahi.core.work.Lease;
import org.openahi.core.work.WorkFailedException;
import org.openahi.core.work.WorkMeter;
import org.openahi.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a job's DICOM files: lists the input, imports the files in parallel (frames become blobs, each file's
 * instance staged durably so a run taking the job over skips it: {@link StagingRepository}), then
 * folds them into image sets ({@link ImportCommit}) with the per-file outcomes in the same transaction: a job makes
 * one version of each image set it writes. The job's metadata mappings ({@link MetadataMappings}) are read first; their
 * files are not imported as DICOM files.
 */
public final class DicomJobImporter implements JobImporter {
    private static final Logger LOG = LoggerFactory.getLogger(DicomJobImporter.class);

    private final MetadataStore store;
    private final ImportStorage storage;
    private final FileImporter files;
    private final ExecutorService workers;
    private final ImportLimits limits;
    private final DocumentBlobs documents;
    private final Clock clock;
    private final WorkMeter meter;

    /**
     * @param pending where uncompressed frames are stored until they are encoded
     * @param workers the pool files are imported on, in parallel
     * @param meter told of every file read
     */
    public DicomJobImporter(
            MetadataStore store,
            BlobStore blobs,
            ImportStorage storage,
            FrameTranscoder transcoder,
            PendingFrames pending,
            ReadOptions readOptions,
            ExecutorService workers,
            ImportLimits limits,
            Clock clock,
            WorkMeter meter) {
        this.store = store;
        this.storage = storage;
        this.files = new FileImporter(blobs, transcoder, readOptions, pending);
        this.workers = workers;
        this.limits = limits;
        this.documents = new DocumentBlobs(blobs);
        this.clock = clock;
        this.meter = meter;
    }

    @Override
    public void importFiles(ImportJob job, Lease lease, Consumer<ImportProgress> progress) throws WorkFailedException {
        List<ImportStorage.InputObject> listed = listInputs(job);
        MetadataMappings mappings = MetadataMappings.load(job, listed, storage);
        List<ImportStorage.InputObject> inputs = mappings.dicomInputs(listed);
        LosslessStorageFormat format = store.read(tx -> tx.datastores().find(job.datastoreId()))
                .map(Datastore::losslessStorageFormat)
                .orElseThrow(() -> WorkFailedException.uncoded("Datastore " + job.datastoreId() + " no longer exists"));
        long scanned = inputs.size();
        Map<Integer, StagedInstance> resumed = resumable(job, inputs);
        AtomicLong imported = new AtomicLong(resumed.size());
        AtomicLong failed = new AtomicLong();
        progress.accept(new ImportProgress(scanned, imported.get(), 0));

        List<Future<FileImporter.Result>> results = new ArrayList<>();
        // Set by the first file that fails the run (its lease lost, a database failure): the files after it are not
        // read, as their run is over. Before, a node that lost a job to another read every file still queued.
        AtomicBoolean runOver = new AtomicBoolean();
        for (int i = 0; i < inputs.size(); i++) {
            int sequence = i;
            ImportStorage.InputObject input = inputs.get(i);
            StagedInstance earlier = resumed.get(sequence);
            if (earlier != null) {
                results.add(CompletableFuture.completedFuture(FileImporter.Result.staged(earlier, List.of())));
                continue;
            }
            results.add(workers.submit(() -> {
                if (runOver.get()) {
                    throw new CancellationException("an earlier file ended the run of import job " + job.id());
                }
                try {
                    FileImporter.Result result = files.importFile(
                            job.id(),
                            sequence,
                            input.key(),
                            input.size(),
                            () -> storage.open(input),
                            limits,
                            format,
                            mappings);
                    if (result.staged().isPresent() && job.metadataMappings().isEmpty()) {
                        stage(job, lease, result.staged().get());
                    }
                    (result.staged().isPresent() ? imported : failed).incrementAndGet();
                    meter.importedFile(result.staged().isPresent());
                    progress.accept(new ImportProgress(scanned, imported.get(), failed.get()));
                    Checkpoints.reach("import.file-staged");
                    return result;
                } catch (RuntimeException | Error e) {
                    runOver.set(true);
                    throw e;
                }
            }));
        }
        List<StagedInstance> staged = new ArrayList<>();
        Map<Integer, FileOutcome> failures = new HashMap<>();
        Map<Integer, List<AppliedOverride>> overrides = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            FileImporter.Result result = await(results.get(i));
            result.staged().ifPresent(staged::add);
            if (result.failure().isPresent()) {
                failures.put(i, result.failure().get());
            }
            overrides.put(i, result.overrides());
        }
        // A metadata mapping that could not be applied is reported as a failed file of its own, after the DICOM files.
        List<FileOutcome> mappingFailures = mappings.failures();
        for (int i = 0; i < mappingFailures.size(); i++) {
            failures.put(inputs.size() + i, mappingFailures.get(i));
        }
        commit(
                job,
                lease,
                staged,
                failures,
                overrides,
                new ImportProgress(
                        scanned + mappingFailures.size(), imported.get(), failed.get() + mappingFailures.size()));
        Checkpoints.reach("import.committed");
    }

    /**
     * The files an earlier run of the job staged (it was taken over, or its server restarted), by sequence: those whose
     * place in the input is still theirs. A job with metadata mappings is not resumed: what a mapping changed and
     * which mappings matched are not staged, so it reads every file again.
     */
    private Map<Integer, StagedInstance> resumable(ImportJob job, List<ImportStorage.InputObject> inputs) {
        if (!job.metadataMappings().isEmpty()) {
            return Map.of();
        }
        Map<Integer, StagedInstance> resumed = new HashMap<>();
        for (StagedInstance staged : store.read(tx -> tx.staging().stagedBy(job.id()))) {
            int sequence = staged.sequence();
            if (sequence < inputs.size() && inputs.get(sequence).key().equals(staged.inputFile())) {
                resumed.put(sequence, staged);
            }
        }
        if (!resumed.isEmpty()) {
            LOG.info(
                    "Import job {} resumes: {} of {} files were staged by an earlier run",
                    job.id(),
                    resumed.size(),
                    inputs.size());
        }
        return resumed;
    }

    /** Records a file's instance durably, its frames stored, so a run taking the job over need not read it again. */
    private void stage(ImportJob job, Lease lease, StagedInstance instance) {
        store.write(tx -> {
            lease.check(tx);
            tx.staging().insert(job.datastoreId(), job.id(), clock.instant(), List.of(instance));
            return null;
        });
    }

    private List<ImportStorage.InputObject> listInputs(ImportJob job) throws WorkFailedException {
        List<ImportStorage.InputObject> inputs;
        try {
            inputs = storage.list(job.inputUri());
        } catch (IOException | RuntimeException e) {
            throw new WorkFailedException(
                    FailureCode.INPUT_NOT_READABLE, "cannot list " + job.inputUri() + ": " + e.getMessage(), e);
        }
        if (inputs.size() > limits.maxFiles()) {
            throw new WorkFailedException(
                    FailureCode.INPUT_LIMIT,
                    "the input holds " + inputs.size() + " files; an import job takes at most " + limits.maxFiles());
        }
        long bytes = inputs.stream().mapToLong(ImportStorage.InputObject::size).sum();
        if (bytes > limits.maxJobBytes()) {
            throw new WorkFailedException(
                    FailureCode.INPUT_LIMIT,
                    "the input holds " + bytes + " bytes; an import job takes at most " + limits.maxJobBytes());
        }
        return inputs;
    }

    private static FileImporter.Result await(Future<FileImporter.Result> result) throws WorkFailedException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkFailedException(FailureCode.INTERRUPTED, "the server is stopping", e);
        } catch (ExecutionException e) {
            throw new WorkFailedException(FailureCode.INTERNAL_ERROR, String.valueOf(e.getCause()), e.getCause());
        }
    }

    private void commit(
            ImportJob job,
            Lease lease,
            List<StagedInstance> staged,
            Map<Integer, FileOutcome> failures,
            Map<Integer, List<AppliedOverride>> overrides,
            ImportProgress progress)
            throws WorkFailedException {
        ImportCommit.commit(store, documents, clock, job.datastoreId(), staged, lease, (tx, committed) -> {
            tx.staging().deleteStagedBy(job.id());
            Map<Integer, FileOutcome> outcomes = new HashMap<>(failures);
            for (ImportCommit.Committed done : committed) {
                ImportTarget target = done.target();
                for (StagedInstance instance : target.instances()) {
                    outcomes.put(
                            instance.sequence(),
                            instance.warning()
                                    .map(w -> FileOutcome.warning(
                                            instance.inputFile(),
                                            target.imageSetId(),
                                            done.version(),
                                            target.primary(),
                                            w))
                                    .orElseGet(() -> FileOutcome.success(
                                            instance.inputFile(),
                                            target.imageSetId(),
                                            done.version(),
                                            target.primary()))
                                    .withOverrides(overrides.getOrDefault(instance.sequence(), List.of())));
                }
            }
            outcomes.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(outcome -> tx.importJobs().insertOutcome(job.id(), outcome.getKey(), outcome.getValue()));
            tx.importJobs().updateProgress(job.id(), progress, Optional.empty());
            tx.importJobs().setOutputsPending(job.id(), true);
        });
    }
}
