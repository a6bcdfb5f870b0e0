package org.openahi.core.exporting;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.error.NotFound;
import org.openahi.core.importing.ImportStorage;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;

/**
 * Starts and reads export jobs (docs/export.md): DICOM Part 10 files of a data store's image sets or study, written
 * to a folder inside the file roots or an S3 prefix (where import jobs read and write), as stored or in Explicit VR
 * Little Endian.
 */
public final class ExportJobs {
    /** Explicit VR Little Endian: the frames decoded, what every DICOM reader reads. */
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    private final MetadataStore store;
    private final ImportStorage storage;
    private final Clock clock;
    private final Runnable onSubmitted;

    /** @param onSubmitted told after a job is committed, so a runner takes it up at once */
    public ExportJobs(MetadataStore store, ImportStorage storage, Clock clock, Runnable onSubmitted) {
        this.store = store;
        this.storage = storage;
        this.clock = clock;
        this.onSubmitted = onSubmitted;
    }

    /** @param transferSyntaxUid empty: each instance as stored */
    public ExportJob start(
            String datastoreId, ExportSelection selection, Optional<String> transferSyntaxUid, String outputUri) {
        if (transferSyntaxUid.isPresent() && !transferSyntaxUid.get().equals(EXPLICIT_VR_LITTLE_ENDIAN)) {
            throw new InvalidRequest("transferSyntaxUid " + transferSyntaxUid.get()
                    + " is not one an export writes: omit " + "it for the stored transfer syntax, or ask for "
                    + EXPLICIT_VR_LITTLE_ENDIAN + " (Explicit VR Little Endian)");
        }
        storage.checkAllowed(outputUri);
        ExportJob job = store.write(tx -> {
            Datastore datastore = tx.datastores()
                    .find(datastoreId)
                    .orElseThrow(() -> new NotFound("Datastore " + datastoreId + " not found"));
            if (datastore.status() != DatastoreStatus.ACTIVE) {
                throw new Conflict("Datastore " + datastoreId + " is " + datastore.status());
            }
            if (selection.studyInstanceUid().isPresent()
                    && tx.imageSets()
                            .findPrimaryInStudy(
                                    datastoreId, selection.studyInstanceUid().get())
                            .isEmpty()) {
                throw new NotFound(
                        "Study " + selection.studyInstanceUid().get() + " not found in datastore " + datastoreId);
            }
            for (String imageSetId : selection.imageSetIds()) {
                if (tx.imageSets().find(datastoreId, imageSetId).isEmpty()) {
                    throw new NotFound("Image set " + imageSetId + " not found in datastore " + datastoreId);
                }
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String id = Ids.newId();
            ExportJob submitted = new ExportJob(
                    id,
                    datastoreId,
                    ExportJobStatus.SUBMITTED,
                    selection,
                    transferSyntaxUid,
                    (outputUri.endsWith("/") ? outputUri : outputUri + "/") + datastoreId + "-DicomExport-" + id + "/",
                    now,
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    ExportProgress.NONE);
            tx.exports().insert(submitted);
            return submitted;
        });
        onSubmitted.run();
        return job;
    }

    public ExportJob get(String jobId) {
        return store.read(tx -> tx.exports().find(jobId))
                .orElseThrow(() -> new NotFound("Export job " + jobId + " not found"));
    }
}
