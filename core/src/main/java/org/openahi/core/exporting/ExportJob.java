package org.openahi.core.exporting;

import java.time.Instant;
import java.util.Optional;

/**
 * An export job: the data store's instances it selects written as DICOM Part 10 files under {@code outputUri}, the
 * job's own folder {@code <requested output>/<datastoreId>-DicomExport-<jobId>/}, in the stored transfer syntax or
 * {@code transferSyntaxUid}.
 */
public record ExportJob(
        String id,
        String datastoreId,
        ExportJobStatus status,
        ExportSelection selection,
        Optional<String> transferSyntaxUid,
        String outputUri,
        Instant submittedAt,
        Optional<Instant> endedAt,
        Optional<String> message,
        int attempts,
        ExportProgress progress) {}
