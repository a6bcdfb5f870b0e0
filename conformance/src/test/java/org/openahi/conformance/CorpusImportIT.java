package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * The whole shared corpus (every file under ../shared/dicom, DICOM or not) in one import job: the job
 * completes, every file is in exactly one manifest with a reason when it failed, and no file failed on a
 * server error. The outcome counts are written to target/import-corpus.md (the source of docs/import-corpus.md).
 */
class CorpusImportIT {
    private static final String UNSUPPORTED = "unsupported transfer syntax ";

    @Test
    void everyFileOfTheCorpusEndsInExactlyOneManifest(@TempDir Path output) throws Exception {
        try (TestServer server = TestServer.start(
                        Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", SharedCorpus.dicom() + "," + output));
                MedicalImagingClient client = server.client()) {
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName("corpus")).datastoreId();
            Imports.Finished finished = Imports.run(
                    client,
                    datastoreId,
                    SharedCorpus.dicom().toUri().toString(),
                    output.toUri().toString());
            assertThat(finished.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
            Path folder = Imports.folder(finished.job());

            List<String> inputs;
            try (Stream<Path> files = Files.walk(SharedCorpus.dicom())) {
                inputs = files.filter(Files::isRegularFile)
                        .map(Path::toString)
                        .sorted()
                        .toList();
            }
            List<JsonNode> success = Imports.ndjson(folder.resolve("SUCCESS/success.ndjson"));
            List<JsonNode> warning = Imports.ndjson(folder.resolve("WARNING/warning.ndjson"));
            List<JsonNode> failure = Imports.ndjson(folder.resolve("FAILURE/failure.ndjson"));
            List<String> reported = new ArrayList<>();
            Stream.of(success, warning, failure)
                    .flatMap(List::stream)
                    .forEach(line -> reported.add(line.path("inputFile").asText()));
            assertThat(reported).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inputs);
            assertThat(failure)
                    .allSatisfy(line ->
                            assertThat(line.at("/exception/message").asText()).isNotBlank());
            // Only syntaxes without a decoder are refused as such: a decodable file never fails for its codec.
            assertThat(failure)
                    .map(line -> line.at("/exception/message").asText())
                    .filteredOn(message -> message.startsWith(UNSUPPORTED))
                    .allSatisfy(message -> assertThat(TransferSyntaxTable.find(message.substring(UNSUPPORTED.length())
                                            .strip())
                                    .filter(SyntaxRule::decodable))
                            .as(message)
                            .isEmpty());

            JsonNode summary = Imports.manifest(folder).path("jobSummary");
            assertThat(summary.path("numberOfScannedFiles").asInt()).isEqualTo(inputs.size());
            assertThat(summary.path("numberOfImportedFiles").asInt()).isEqualTo(success.size() + warning.size());
            assertThat(summary.path("numberOfFilesWithServerError").asInt())
                    .as(failure.toString())
                    .isZero();

            Files.writeString(Path.of("target", "import-corpus.md"), report(inputs.size(), success, warning, failure));
            System.out.println("CorpusImportIT: " + inputs.size() + " files: " + success.size() + " imported, "
                    + warning.size() + " imported with a warning, " + failure.size() + " failed");
        }
    }

    /** "unsupported transfer syntax <uid>" with the syntax's name. */
    private static String unsupported(String message) {
        String uid = message.substring(UNSUPPORTED.length()).strip();
        return message
                + TransferSyntaxTable.find(uid)
                        .map(rule -> " (" + rule.name() + ")")
                        .orElse("");
    }

    private static String report(int files, List<JsonNode> success, List<JsonNode> warning, List<JsonNode> failure) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (JsonNode line : failure) {
            String message = line.at("/exception/message").asText();
            // A refused syntax is named (with its UID); other reasons have their numbers as N, to group them.
            reasons.merge(
                    line.at("/exception/exceptionType").asText() + ": "
                            + (message.startsWith(UNSUPPORTED)
                                    ? unsupported(message)
                                    : message.replaceAll("\\d+", "N")),
                    1,
                    Integer::sum);
        }
        Map<String, Integer> warnings = new TreeMap<>();
        for (JsonNode line : warning) {
            warnings.merge(line.at("/importResponse/warnings/0/message").asText(), 1, Integer::sum);
        }
        StringBuilder report = new StringBuilder();
        report.append("| outcome | files |\n|---|---|\n")
                .append("| scanned | ")
                .append(files)
                .append(" |\n")
                .append("| SUCCESS | ")
                .append(success.size())
                .append(" |\n")
                .append("| WARNING (imported) | ")
                .append(warning.size())
                .append(" |\n")
                .append("| FAILURE | ")
                .append(failure.size())
                .append(" |\n\n")
                .append("| failure reason (numbers as N) | files |\n|---|---|\n");
        reasons.forEach((reason, count) -> report.append("| ")
                .append(reason.replace("|", "\\|"))
                .append(" | ")
                .append(count)
                .append(" |\n"));
        report.append("\n| warning | files |\n|---|---|\n");
        warnings.forEach((reason, count) -> report.append("| ")
                .append(reason.replace("|", "\\|"))
                .append(" | ")
                .append(count)
                .append(" |\n"));
        return report.toString();
    }
}
