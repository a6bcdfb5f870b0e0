package org.openahi.server.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openahi.core.importing.FileFailure;
import org.openahi.core.importing.FileOutcome;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.JobManifests;
import org.openahi.core.importing.OverrideRecords;

/**
 * A job's output files, as AHI writes them under the job's output folder: {@code job-output-manifest.json}
 * and one ndjson line per input file in {@code SUCCESS/success.ndjson}, {@code WARNING/warning.ndjson} or
 * {@code FAILURE/failure.ndjson}. Everything is derived from the recorded outcomes, so the files can be
 * written again after a restart. A file's failure is reported as the AWS exception type AHI names. A file that took
 * attributes from the job's metadata mappings lists them in its line's {@code metadataOverrides}
 * ({@link OverrideRecords}), beside AHI's members.
 */
public final class ImportManifests implements JobManifests {
    private static final String MANIFEST = "job-output-manifest.json";
    private static final String SUCCESS = "SUCCESS/success.ndjson";
    private static final String WARNING = "WARNING/warning.ndjson";
    private static final String FAILURE = "FAILURE/failure.ndjson";

    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    /** File name within the job's output folder → content. */
    @Override
    public Map<String, byte[]> render(ImportJob job, long scannedFiles, List<FileOutcome> outcomes) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(SUCCESS, ndjson(outcomes, FileOutcome.Kind.SUCCESS));
        files.put(WARNING, ndjson(outcomes, FileOutcome.Kind.WARNING));
        files.put(FAILURE, ndjson(outcomes, FileOutcome.Kind.FAILURE));
        files.put(MANIFEST, manifest(job, scannedFiles, outcomes));
        return files;
    }

    private static byte[] manifest(ImportJob job, long scannedFiles, List<FileOutcome> outcomes) {
        record SetSummary(String imageSetId, int version, boolean primary, int instances) {}
        Map<String, SetSummary> sets = new LinkedHashMap<>();
        long imported = 0;
        long customerErrors = 0;
        long serverErrors = 0;
        for (FileOutcome outcome : outcomes) {
            if (outcome.kind() == FileOutcome.Kind.FAILURE) {
                if (outcome.failure().orElseThrow() == FileFailure.SERVER_ERROR) {
                    serverErrors++;
                } else {
                    customerErrors++;
                }
                continue;
            }
            imported++;
            String id = outcome.imageSetId().orElseThrow();
            SetSummary previous = sets.get(id);
            sets.put(
                    id,
                    new SetSummary(
                            id,
                            outcome.imageSetVersion().orElseThrow(),
                            outcome.primary().orElseThrow(),
                            previous == null ? 1 : previous.instances() + 1));
        }
        long importedFiles = imported;
        long customerErrorFiles = customerErrors;
        long serverErrorFiles = serverErrors;
        return write(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("jobSummary");
            json.writeStringField("jobId", job.id());
            json.writeStringField("datastoreId", job.datastoreId());
            json.writeStringField("inputS3Uri", job.inputUri());
            json.writeStringField("outputS3Uri", job.outputUri());
            json.writeStringField("successOutputS3Uri", job.outputUri() + "SUCCESS/");
            json.writeStringField("failureOutputS3Uri", job.outputUri() + "FAILURE/");
            json.writeStringField("warningsOutputS3Uri", job.outputUri() + "WARNING/");
            json.writeNumberField("numberOfScannedFiles", scannedFiles);
            json.writeNumberField("numberOfImportedFiles", importedFiles);
            json.writeNumberField("numberOfFilesWithCustomerError", customerErrorFiles);
            json.writeNumberField("numberOfFilesWithServerError", serverErrorFiles);
            json.writeNumberField("numberOfGeneratedImageSets", sets.size());
            json.writeArrayFieldStart("imageSetsSummary");
            for (SetSummary set : sets.values()) {
                json.writeStartObject();
                json.writeStringField("imageSetId", set.imageSetId());
                json.writeNumberField("imageSetVersion", set.version());
                json.writeBooleanField("isPrimary", set.primary());
                json.writeNumberField("numberOfMatchedSOPInstances", set.instances());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static byte[] ndjson(List<FileOutcome> outcomes, FileOutcome.Kind kind) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (FileOutcome outcome : outcomes) {
            if (outcome.kind() != kind) {
                continue;
            }
            lines.writeBytes(write(json -> {
                json.writeStartObject();
                json.writeStringField("inputFile", outcome.inputFile());
                if (kind == FileOutcome.Kind.FAILURE) {
                    json.writeObjectFieldStart("exception");
                    json.writeStringField(
                            "exceptionType", exceptionType(outcome.failure().orElseThrow()));
                    json.writeStringField("message", outcome.message().orElseThrow());
                    json.writeEndObject();
                } else {
                    json.writeObjectFieldStart("importResponse");
                    json.writeStringField("imageSetId", outcome.imageSetId().orElseThrow());
                    json.writeNumberField(
                            "imageSetVersion", outcome.imageSetVersion().orElseThrow());
                    json.writeBooleanField("isPrimary", outcome.primary().orElseThrow());
                    if (kind == FileOutcome.Kind.WARNING) {
                        json.writeArrayFieldStart("warnings");
                        json.writeStartObject();
                        json.writeStringField("message", outcome.message().orElseThrow());
                        json.writeEndObject();
                        json.writeEndArray();
                    }
                    json.writeEndObject();
                    if (!outcome.overrides().isEmpty()) {
                        json.writeFieldName("metadataOverrides");
                        json.writeTree(OverrideRecords.toJson(outcome.overrides()));
                    }
                }
                json.writeEndObject();
            }));
            lines.write('\n');
        }
        return lines.toByteArray();
    }

    /** A request too large for STOW-RS never reaches a job; were it to, it is the client's error too. */
    private static String exceptionType(FileFailure failure) {
        return switch (failure) {
            case INVALID_FILE, TOO_LARGE -> "ValidationException";
            case SERVER_ERROR -> "InternalServerException";
        };
    }

    @FunctionalInterface
    private interface JsonWriting {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(JsonWriting writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
