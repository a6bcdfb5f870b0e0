package org.openahi.core.exporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.importing.ImportStorage;
import org.openahi.core.store.Messages;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.FailureCode;
import org.openahi.core.work.Lease;
import org.openahi.core.work.LeasedWork;
import org.openahi.core.work.LeasedWorkers;
import org.openahi.core.work.WorkFailedException;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export jobs as leased background work ({@link LeasedWorkers} runs them, as it runs import jobs): a job whose server
 * died is run again from the start elsewhere, its files rewritten. Each instance is rebuilt as WADO-RS rebuilds it
 * ({@link StoredInstances}), written to a temporary file and copied to
 * {@code <job folder>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm}; the job's manifests follow an
 * import job's: {@code job-output-manifest.json}, {@code SUCCESS/success.ndjson}, {@code FAILURE/failure.ndjson}.
 */
public final class ExportJobWork implements LeasedWork<String, ExportJob> {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobWork.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Instances written between two progress records. */
    private static final int PROGRESS_EVERY = 20;

    private final MetadataStore store;
    private final DicomWebReads reads;
    private final StoredInstances instances;
    private final ImportStorage storage;
    private final Clock clock;

    public ExportJobWork(
            MetadataStore store, DicomWebReads reads, StoredInstances instances, ImportStorage storage, Clock clock) {
        this.store = store;
        this.reads = reads;
        this.instances = instances;
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public List<String> unclaimed(Transaction tx, Instant now, int limit) {
        return tx.exports().submitted(limit);
    }

    @Override
    public boolean started(Transaction tx, String jobId) {
        return tx.exports().start(jobId);
    }

    @Override
    public String leaseKey(String jobId) {
        return jobId;
    }

    @Override
    public String key(String leaseKey) {
        return leaseKey;
    }

    @Override
    public Optional<ExportJob> find(Transaction tx, String jobId) {
        return tx.exports().find(jobId);
    }

    @Override
    public int attempts(ExportJob job) {
        return job.attempts();
    }

    /** One instance to write: the series view that holds it. */
    private record Item(DicomWebReads.SeriesView series, String sopInstanceUid) {}

    @Override
    public void run(ExportJob job, Lease lease) throws IOException, WorkFailedException, InterruptedException {
        List<Item> items = new ArrayList<>();
        try {
            for (DicomWebReads.SeriesView series : selected(job)) {
                for (String sop : series.instanceUids()) {
                    items.add(new Item(series, sop));
                }
            }
        } catch (OpenAhiException e) {
            // What the job selected was deleted (or changed) after it was submitted.
            throw new WorkFailedException(FailureCode.CONFLICT, e.getMessage(), e);
        }
        StringBuilder success = new StringBuilder();
        StringBuilder failure = new StringBuilder();
        long exported = 0;
        long failed = 0;
        progress(job, lease, new ExportProgress(items.size(), 0, 0));
        for (Item item : items) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("the server is stopping");
            }
            ObjectNode line = line(item);
            try {
                line.put("file", write(job, item));
                success.append(JSON.writeValueAsString(line)).append('\n');
                exported++;
            } catch (IOException | OpenAhiException e) {
                line.put(
                        "error",
                        Messages.fit(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                failure.append(JSON.writeValueAsString(line)).append('\n');
                failed++;
            }
            if ((exported + failed) % PROGRESS_EVERY == 0) {
                progress(job, lease, new ExportProgress(items.size(), exported, failed));
            }
        }
        ExportProgress done = new ExportProgress(items.size(), exported, failed);
        try {
            storage.write(
                    job.outputUri(),
                    "SUCCESS/success.ndjson",
                    success.toString().getBytes(StandardCharsets.UTF_8));
            storage.write(
                    job.outputUri(),
                    "FAILURE/failure.ndjson",
                    failure.toString().getBytes(StandardCharsets.UTF_8));
            storage.write(job.outputUri(), "job-output-manifest.json", manifest(job, done));
        } catch (IOException e) {
            throw new WorkFailedException(
                    FailureCode.OUTPUT_WRITE_FAILED,
                    "the export's manifests could not be written to " + job.outputUri() + ": " + e.getMessage(),
                    e);
        }
        progress(job, lease, done);
        finish(
                job,
                lease,
                ExportJobStatus.COMPLETED,
                failed == 0
                        ? Optional.empty()
                        : Optional.of(failed + " of " + items.size()
                                + " instances could not be exported; see FAILURE/failure.ndjson"));
    }

    @Override
    public void fail(ExportJob job, Lease lease, String message) {
        finish(job, lease, ExportJobStatus.FAILED, Optional.of(message));
    }

    @Override
    public String givenUp(int maxAttempts) {
        return FailureCode.INTERRUPTED.message(
                "the export was interrupted " + maxAttempts + " times (server restarts) " + "and was given up");
    }

    @Override
    public String serverError(String jobId, Exception e) {
        return FailureCode.INTERNAL_ERROR.message("the export failed on a server error ("
                + e.getClass().getSimpleName() + "); see the server log for export job " + jobId);
    }

    @Override
    public boolean ended(Transaction tx, String jobId) {
        return tx.exports()
                .find(jobId)
                .map(job -> job.status() == ExportJobStatus.COMPLETED || job.status() == ExportJobStatus.FAILED)
                .orElse(false);
    }

    @Override
    public String workId(String jobId) {
        return jobId;
    }

    /** The series the job selects, each from the image set that holds it now. */
    private List<DicomWebReads.SeriesView> selected(ExportJob job) throws IOException {
        if (job.selection().studyInstanceUid().isPresent()) {
            return reads.study(
                    job.datastoreId(), job.selection().studyInstanceUid().get());
        }
        List<DicomWebReads.SeriesView> views = new ArrayList<>();
        for (String imageSetId : job.selection().imageSetIds()) {
            ImageSet imageSet = store.read(tx -> tx.imageSets().find(job.datastoreId(), imageSetId))
                    .filter(set -> set.state() != ImageSetState.DELETED)
                    .orElseThrow(() -> new NotFound(
                            "Image set " + imageSetId + " is not in datastore " + job.datastoreId() + " any more"));
            views.add(reads.series(
                    job.datastoreId(),
                    imageSet.identity().studyInstanceUid(),
                    imageSet.identity().seriesInstanceUid(),
                    Optional.of(imageSetId)));
        }
        return views;
    }

    private static ObjectNode line(Item item) {
        return JSON.createObjectNode()
                .put("imageSetId", item.series().imageSet().id())
                .put("studyInstanceUID", item.series().imageSet().identity().studyInstanceUid())
                .put("seriesInstanceUID", item.series().seriesInstanceUid())
                .put("sopInstanceUID", item.sopInstanceUid());
    }

    /** Writes one instance; returns its name inside the job's folder. */
    private String write(ExportJob job, Item item) throws IOException {
        String syntax = job.transferSyntaxUid()
                .orElseGet(() -> item.series().frames(item.sopInstanceUid()).transferSyntaxUid());
        StoredInstances.Rebuilt rebuilt = instances.rebuild(item.series(), item.sopInstanceUid(), syntax);
        String name = safe(item.series().imageSet().identity().studyInstanceUid()) + "/"
                + safe(item.series().seriesInstanceUid()) + "/" + safe(item.sopInstanceUid()) + ".dcm";
        Path file = Files.createTempFile("openahi-export-", ".dcm");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                DicomWriter.write(out, rebuilt.fileMeta(), rebuilt.dataset(), TransferSyntax.of(syntax));
            }
            storage.write(job.outputUri(), name, file);
        } finally {
            Files.deleteIfExists(file);
        }
        return name;
    }

    /** A UID as a file name: its characters outside [0-9A-Za-z.-] (none, in a valid UID) become '_'. */
    static String safe(String uid) {
        String name = uid == null || uid.isBlank() ? "unknown" : uid.strip().replaceAll("[^0-9A-Za-z.-]", "_");
        return name.equals(".") || name.equals("..") ? "_" : name;
    }

    private byte[] manifest(ExportJob job, ExportProgress done) throws IOException {
        ObjectNode summary = JSON.createObjectNode();
        summary.putObject("jobSummary")
                .put("jobId", job.id())
                .put("datastoreId", job.datastoreId())
                .put("outputUri", job.outputUri())
                .put("transferSyntaxUID", job.transferSyntaxUid().orElse("stored"))
                .put("successOutputUri", job.outputUri() + "SUCCESS/")
                .put("failureOutputUri", job.outputUri() + "FAILURE/")
                .put("numberOfInstances", done.instances())
                .put("numberOfExportedInstances", done.exported())
                .put("numberOfFailedInstances", done.failed());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary);
    }

    private void progress(ExportJob job, Lease lease, ExportProgress progress) {
        store.write(tx -> {
            lease.check(tx);
            tx.exports().updateProgress(job.id(), progress);
            return null;
        });
    }

    private void finish(ExportJob job, Lease lease, ExportJobStatus status, Optional<String> message) {
        store.write(tx -> {
            lease.check(tx);
            tx.exports().finish(job.id(), status, clock.instant(), message.map(Messages::fit));
            return null;
        });
        LOG.info(
                "Export job {} {}{}",
                job.id(),
                status,
                message.map(m -> ": " + m).orElse(""));
    }
}
