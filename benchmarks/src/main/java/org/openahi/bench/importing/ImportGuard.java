package org.openahi.bench.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.openahi.bench.api.BenchClients;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * Regression guard for the import job, as a ratio that does not depend on how fast or busy the machine is: the
 * import job's instances per second over a fixed reference measured in the same run on the same files — each file
 * read, deflated (the JDK's zlib) and written with an fsync, on as many threads as the server imports on — run
 * just before and just after the import, so both see the same machine. The reference is JDK code only, so a change
 * to openahi never moves it; a drop of the ratio is openahi's. FLOOR (when given) is the ratio below which the
 * guard fails: calibrate it from quiet runs (docs/benchmarks.md).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.ImportGuard ENDPOINT INPUT_DIR OUTPUT_DIR
 *     WORKERS [FLOOR]</pre>
 */
public final class ImportGuard {
    private ImportGuard() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path input = Path.of(args[1]).toAbsolutePath();
        Path output = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        int workers = Integer.parseInt(args[3]);
        List<Path> files;
        try (Stream<Path> paths = Files.walk(input)) {
            files = paths.filter(Files::isRegularFile).sorted().toList();
        }
        double before = reference(files, workers, output.resolve("reference-before"));
        double imported;
        try (MedicalImagingClient client = BenchClients.medicalImaging(endpoint)) {
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName("import-guard")).datastoreId();
            DICOMImportJobProperties job = ImportLoad.runJob(client, datastoreId, input, output);
            if (job.jobStatus() != JobStatus.COMPLETED) {
                throw new IllegalStateException("The import job ended " + job.jobStatus() + ": " + job.message());
            }
            imported = files.size()
                    / (Duration.between(job.submittedAt(), job.endedAt()).toMillis() / 1000.0);
        }
        double after = reference(files, workers, output.resolve("reference-after"));
        double reference = (before + after) / 2;
        double ratio = imported / reference;
        System.out.printf(
                "reference (read, deflate, write+fsync on %d threads): %.1f files/s before, %.1f after%n",
                workers, before, after);
        System.out.printf("import job: %.1f instances/s; ratio to the reference: %.3f%n", imported, ratio);
        if (args.length > 4) {
            double floor = Double.parseDouble(args[4]);
            System.out.printf("floor %.3f: %s%n", floor, ratio >= floor ? "PASS" : "FAIL");
            if (ratio < floor) {
                System.exit(1);
            }
        }
    }

    /** Files per second through read, deflate, write and fsync on {@code workers} threads. */
    private static double reference(List<Path> files, int workers, Path folder) throws Exception {
        Files.createDirectories(folder);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (Path file : files) {
                done.add(pool.submit(() -> {
                    compress(file, folder.resolve(file.getFileName() + ".z"));
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Stream<Path> written = Files.list(folder)) {
            for (Path file : written.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
        return files.size() / seconds;
    }

    private static void compress(Path file, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Deflater deflater = new Deflater();
        byte[] buffer = new byte[64 * 1024];
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            deflater.setInput(bytes);
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            out.flush();
            channel.force(true);
        } finally {
            deflater.end();
        }
    }
}
