package org.openahi.core.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.QuotaExceeded;
import org.openahi.core.page.Cursor;
import org.openahi.core.page.Page;
import org.openahi.core.page.PageTokens;
import org.openahi.core.store.Fingerprint;
import org.openahi.core.store.IdempotencyRepository;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;

/** StartDICOMImportJob, GetDICOMImportJob and ListDICOMImportJobs; the work itself is done by {@link ImportJobWork}. */
public final class ImportJobService {
    private final MetadataStore store;
    private final ImportStorage storage;
    private final Clock clock;
    private final PageTokens pageTokens;
    private final int maxUnfinishedJobs;
    private final Runnable onSubmitted;

    /**
     * @param maxUnfinishedJobs the quota of SUBMITTED and IN_PROGRESS jobs per data store
     * @param onSubmitted told after a job is committed, so the runner can pick it up at once
     */
    public ImportJobService(
            MetadataStore store,
            ImportStorage storage,
            Clock clock,
            PageTokens pageTokens,
            int maxUnfinishedJobs,
            Runnable onSubmitted) {
        this.store = store;
        this.storage = storage;
        this.clock = clock;
        this.pageTokens = pageTokens;
        this.maxUnfinishedJobs = maxUnfinishedJobs;
        this.onSubmitted = onSubmitted;
    }

    /** The outcome of StartDICOMImportJob; {@code created} is false when a retried request matched an earlier one. */
    public record Started(ImportJob job, boolean created) {}

    public Started start(String datastoreId, NewImportJob request) {
        storage.checkAllowed(request.inputUri());
        storage.checkAllowed(request.outputUri());
        MetadataMapping.check(request.metadataMappings());
        String scope = "StartDICOMImportJob|" + datastoreId;
        Fingerprint fingerprinted = new Fingerprint()
                .add("jobName", request.name())
                .add("dataAccessRoleArn", request.dataAccessRoleArn())
                .add("inputS3Uri", request.inputUri())
                .add("outputS3Uri", request.outputUri())
                .add("inputOwnerAccountId", request.inputOwnerAccountId());
        if (!request.metadataMappings().isEmpty()) {
            // Only when given, so a job started without mappings keeps the fingerprint it had before they existed.
            fingerprinted.add("metadataMappings", request.metadataMappings().toString());
        }
        String fingerprint = fingerprinted.hex();
        Started started = store.write(tx -> {
            Datastore datastore = tx.datastores()
                    .find(datastoreId)
                    .orElseThrow(() -> new NotFound("Datastore " + datastoreId + " not found"));
            Optional<IdempotencyRepository.Entry> earlier = tx.idempotency().find(scope, request.clientToken());
            if (earlier.isPresent()) {
                if (!earlier.get().fingerprint().equals(fingerprint)) {
                    throw new Conflict("clientToken '" + request.clientToken()
                            + "' was already used to start an import job with different parameters");
                }
                return new Started(
                        tx.importJobs().find(earlier.get().resourceId()).orElseThrow(), false);
            }
            if (datastore.status() != DatastoreStatus.ACTIVE) {
                throw new Conflict("Datastore " + datastoreId + " is " + datastore.status()
                        + "; only an ACTIVE data store " + "accepts imports");
            }
            if (tx.importJobs().countUnfinished(datastoreId) >= maxUnfinishedJobs) {
                throw new QuotaExceeded("Import job quota exceeded: at most " + maxUnfinishedJobs
                        + " jobs may be SUBMITTED or IN_PROGRESS per data store");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String id = Ids.newId();
            ImportJob job = new ImportJob(
                    id,
                    datastoreId,
                    request.name().orElse(id),
                    ImportJobStatus.SUBMITTED,
                    request.dataAccessRoleArn(),
                    request.inputUri(),
                    jobOutputUri(request.outputUri(), datastoreId, id),
                    request.inputOwnerAccountId(),
                    now,
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    false,
                    ImportProgress.NONE,
                    request.metadataMappings());
            tx.importJobs().insert(job);
            tx.idempotency()
                    .insert(scope, request.clientToken(), new IdempotencyRepository.Entry(fingerprint, id), now);
            return new Started(job, true);
        });
        if (started.created()) {
            onSubmitted.run();
        }
        return started;
    }

    public ImportJob get(String datastoreId, String jobId) {
        return store.read(tx -> {
            if (tx.datastores().find(datastoreId).isEmpty()) {
                throw new NotFound("Datastore " + datastoreId + " not found");
            }
            return tx.importJobs()
                    .find(jobId)
                    .filter(job -> job.datastoreId().equals(datastoreId))
                    .orElseThrow(() -> new NotFound("Import job " + jobId + " not found in datastore " + datastoreId));
        });
    }

    public Page<ImportJob> list(
            String datastoreId, Optional<ImportJobStatus> status, int maxResults, Optional<String> nextToken) {
        String scope = "ListDICOMImportJobs|" + datastoreId + "|"
                + status.map(Enum::name).orElse("*");
        Optional<Cursor> after = pageTokens.cursor(scope, nextToken);
        List<ImportJob> rows = store.read(tx -> {
            if (tx.datastores().find(datastoreId).isEmpty()) {
                throw new NotFound("Datastore " + datastoreId + " not found");
            }
            return tx.importJobs().listNewestFirst(datastoreId, status, after, maxResults + 1);
        });
        return pageTokens.page(rows, maxResults, scope, job -> Cursor.at(job.submittedAt(), job.id()));
    }

    /** {@code <output>/<datastoreId>-DicomImport-<jobId>/}, where AHI writes a job's manifests. */
    static String jobOutputUri(String outputUri, String datastoreId, String jobId) {
        return (outputUri.endsWith("/") ? outputUri : outputUri + "/") + datastoreId + "-DicomImport-" + jobId + "/";
    }
}
