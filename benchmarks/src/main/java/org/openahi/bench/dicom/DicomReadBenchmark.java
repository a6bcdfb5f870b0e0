package org.openahi.bench.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openahi.dicom.Element;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading the 235 files of the GE MR study ({@code ../shared/dicom/dcm_qa_ge}, 34 MB): all headers with Pixel Data
 * left in the file, and whole files with every value (Pixel Data included) in memory. One operation is one file,
 * so the score is files per second; MB/s is that times the mean file size (printed at setup). Compare with
 * {@code dicom/bench/dcmdump-throughput.sh}, which times DCMTK's dcmdump over the same files in one process.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DicomReadBenchmark -Dopenahi.shared=../shared</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xmx1g"})
public class DicomReadBenchmark {

    static final int FILES = 235;

    private List<Path> files;

    @Setup
    public void findStudy() throws IOException {
        Path study = Path.of(System.getProperty("openahi.shared", "../shared"), "dicom", "dcm_qa_ge");
        try (Stream<Path> walk = Files.walk(study)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.size() != FILES) {
            throw new IllegalStateException("expected " + FILES + " files under " + study + ", found " + files.size());
        }
        long bytes = files.stream().mapToLong(DicomReadBenchmark::size).sum();
        System.out.printf(
                "%n%d files, %d bytes, %.1f KB per file%n", files.size(), bytes, bytes / 1000.0 / files.size());
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File Meta and data set of every file; Pixel Data and binary values above 4 KiB stay in the file. */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public void readHeaders(Blackhole hole) throws IOException {
        for (Path file : files) {
            DicomFile dicom = DicomReader.read(file);
            hole.consume(dicom.dataset().size());
        }
    }

    /** Every file read whole: the data set, and each value left in the file loaded into memory. */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public void readFullFiles(Blackhole hole) throws IOException {
        for (Path file : files) {
            DicomFile dicom = DicomReader.read(file);
            for (Element e : dicom.dataset()) {
                hole.consume(
                        e.inMemory() || e.isSequence() || e.isEncapsulated()
                                ? e.length()
                                : e.bulkData().readAllBytes().length);
            }
        }
    }
}
