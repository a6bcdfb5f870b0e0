package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.MetadataMapping;
import org.openahi.server.aws.protocol.Timestamps;

/** The model's DICOMImportJobSummary and DICOMImportJobProperties documents for a job. */
final class ImportJobDocuments {
    private ImportJobDocuments() {}

    static ObjectNode summary(ImportJob job) {
        ObjectNode node = JsonNodeFactory.instance
                .objectNode()
                .put("jobId", job.id())
                .put("jobName", job.name())
                .put("jobStatus", job.status().name())
                .put("datastoreId", job.datastoreId())
                .put("dataAccessRoleArn", job.dataAccessRoleArn());
        job.endedAt().ifPresent(at -> node.set("endedAt", Timestamps.epochSeconds(at)));
        node.set("submittedAt", Timestamps.epochSeconds(job.submittedAt()));
        job.message().ifPresent(message -> node.put("message", message));
        return node;
    }

    static ObjectNode properties(ImportJob job) {
        ObjectNode node = summary(job).put("inputS3Uri", job.inputUri()).put("outputS3Uri", job.outputUri());
        if (!job.metadataMappings().isEmpty()) {
            ArrayNode mappings = node.putObject("importConfiguration")
                    .putObject("dicomJsonMetadataImportConfiguration")
                    .putArray("dicomMetadataMappings");
            for (MetadataMapping mapping : job.metadataMappings()) {
                ObjectNode item = mappings.addObject().put("studyInstanceUID", mapping.studyInstanceUid());
                mapping.seriesInstanceUid().ifPresent(series -> item.put("seriesInstanceUID", series));
                item.put("metadataFilePath", mapping.metadataFilePath());
            }
        }
        return node;
    }
}
