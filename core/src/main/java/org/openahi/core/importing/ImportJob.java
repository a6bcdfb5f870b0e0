package org.openahi.core.importing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A DICOM import job. {@code outputUri} is the job's own output folder,
 * {@code <requested output>/<datastoreId>-DicomImport-<jobId>/}, as GetDICOMImportJob reports it.
 * {@code outputsPending} means the job's image sets are committed but its manifests are not all written.
 * {@code metadataMappings} are its {@code importConfiguration}'s DICOM JSON metadata files (empty without one).
 */
public record ImportJob(
        String id,
        String datastoreId,
        String name,
        ImportJobStatus status,
        String dataAccessRoleArn,
        String inputUri,
        String outputUri,
        Optional<String> inputOwnerAccountId,
        Instant submittedAt,
        Optional<Instant> endedAt,
        Optional<String> message,
        int attempts,
        boolean outputsPending,
        ImportProgress progress,
        List<MetadataMapping> metadataMappings) {
    public ImportJob {
        metadataMappings = List.copyOf(metadataMappings);
    }
}
