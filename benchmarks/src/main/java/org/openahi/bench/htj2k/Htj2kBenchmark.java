package org.openahi.bench.htj2k;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kEncoder;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.ImageDescription;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our HTJ2K encoder and decoder against OpenJPH 0.9.0 in the same run, one thread, in memory, on gen_images.py's
 * images ({@code -Dhtj2k.images}): a signed CT phantom and full-range noisy 16-bit, at 512 x 512 and 3000 x 3000.
 * Both code lossless 5/3, RPCL, 64 x 64 blocks with the same number of levels (the .202 rule); ours also writes the
 * TLM marker and tile-parts OpenJPH 0.9 cannot. Also our encoder and decoder with one frame on 2 threads.
 * Run with {@code benchmarks/scripts/htj2k-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class Htj2kBenchmark {

    @Param({"ct_s16_512", "gray16_512", "ct_s16_3000", "gray16_3000"})
    public String image;

    private ImageDescription description;
    private int levels;
    private byte[] samples;
    private byte[] ours;
    private byte[] theirs;
    private byte[] decoded;
    private final Htj2kEncoder encoder = new Htj2kEncoder();
    private final Htj2kDecoder decoder = new Htj2kDecoder();
    private ExecutorService pool;
    private Htj2kEncoder twoThreads;
    private Htj2kDecoder twoThreadDecoder;

    @Setup(Level.Trial)
    public void setUp() throws IOException, Htj2kException {
        Path dir = Path.of(System.getProperty("htj2k.images", "benchmarks/target/htj2k-images"));
        boolean signed = image.startsWith("ct_s");
        int size = image.endsWith("3000") ? 3000 : 512;
        samples = Files.readAllBytes(dir.resolve(image + (signed ? ".yuv" : ".le.raw")));
        description = new ImageDescription(size, size, 1, 16, signed);
        while ((size + (1 << levels) - 1) >> levels > 64) {
            levels++;
        }
        pool = Executors.newSingleThreadExecutor();
        twoThreads = new Htj2kEncoder(pool, 2);
        twoThreadDecoder = new Htj2kDecoder(Htj2kDecoder.DEFAULT_MAX_SAMPLES, pool, 2);
        ours = encoder.encode(description, samples);
        theirs = OpenJph.encode(samples, size, size, 1, 16, signed, levels);
        decoded = new byte[samples.length];
        // Both round trips must be exact, and each side must read the other's codestream.
        check(decoder.decode(ours).nativeBytes(), "ours -> ours");
        check(decoder.decode(theirs).nativeBytes(), "OpenJPH -> ours");
        check(twoThreadDecoder.decode(ours).nativeBytes(), "ours -> ours on 2 threads");
        OpenJph.decode(ours, decoded);
        check(decoded, "ours -> OpenJPH");
        OpenJph.decode(theirs, decoded);
        check(decoded, "OpenJPH -> OpenJPH");
        System.out.printf(
                "%n%s: ours %d bytes, OpenJPH %d bytes, %d levels%n", image, ours.length, theirs.length, levels);
    }

    private void check(byte[] result, String what) {
        if (!Arrays.equals(result, samples)) {
            throw new IllegalStateException(what + " is not lossless for " + image);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    @Benchmark
    public byte[] encodeJava() throws Htj2kException {
        return encoder.encode(description, samples);
    }

    @Benchmark
    public byte[] encodeJavaTwoThreads() throws Htj2kException {
        return twoThreads.encode(description, samples);
    }

    @Benchmark
    public DecodedImage decodeJava() throws Htj2kException {
        return decoder.decode(ours);
    }

    @Benchmark
    public DecodedImage decodeJavaTwoThreads() throws Htj2kException {
        return twoThreadDecoder.decode(ours);
    }

    @Benchmark
    public byte[] encodeOpenJph() {
        return OpenJph.encode(samples, description.width(), description.height(), 1, 16, description.signed(), levels);
    }

    @Benchmark
    public byte[] decodeOpenJph() {
        OpenJph.decode(theirs, decoded);
        return decoded;
    }
}
