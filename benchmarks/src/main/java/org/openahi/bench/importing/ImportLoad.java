package org.openahi.bench.importing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.openahi.bench.api.BenchClients;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * Imports a folder through the API and reports the job's throughput from its own timestamps (submittedAt to
 * endedAt): instances per second and input MB per second.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.ImportLoad ENDPOINT INPUT_DIR OUTPUT_DIR</pre>
 */
public final class ImportLoad {
    private ImportLoad() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path input = Path.of(args[1]).toAbsolutePath();
        Path output = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        long files;
        long bytes;
        try (Stream<Path> paths = Files.walk(input)) {
            var list = paths.filter(Files::isRegularFile).toList();
            files = list.size();
            bytes = list.stream().mapToLong(ImportLoad::size).sum();
        }
        try (MedicalImagingClient client = BenchClients.medicalImaging(endpoint)) {
            String datastoreId = client.createDatastore(r -> r.datastoreName("import-benchmark"))
                    .datastoreId();
            DICOMImportJobProperties job = runJob(client, datastoreId, input, output);
            Duration elapsed = Duration.between(job.submittedAt(), job.endedAt());
            double seconds = elapsed.toMillis() / 1000.0;
            System.out.printf(
                    "job %s %s: %d files, %.1f MB in %.2f s: %.1f instances/s, %.1f MB/s%n",
                    job.jobId(), job.jobStatus(), files, bytes / 1e6, seconds, files / seconds, bytes / 1e6 / seconds);
        }
    }

    /** Imports the folder {@code input} into the data store and waits for the job to end; its final properties. */
    public static DICOMImportJobProperties runJob(
            MedicalImagingClient client, String datastoreId, Path input, Path output) throws InterruptedException {
        String jobId = client.startDICOMImportJob(r -> r.datastoreId(datastoreId)
                        .dataAccessRoleArn("arn:aws:iam::123456789012:role/Benchmark")
                        .inputS3Uri(input.toUri().toString())
                        .outputS3Uri(output.toUri().toString()))
                .jobId();
        DICOMImportJobProperties job;
        do {
            Thread.sleep(200);
            job = client.getDICOMImportJob(r -> r.datastoreId(datastoreId).jobId(jobId))
                    .jobProperties();
        } while (job.jobStatus() != JobStatus.COMPLETED && job.jobStatus() != JobStatus.FAILED);
        return job;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
