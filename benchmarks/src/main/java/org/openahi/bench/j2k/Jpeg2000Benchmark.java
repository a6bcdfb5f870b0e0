package org.openahi.bench.j2k;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.ImageDescription;
import org.openahi.htj2k.J2kEncoder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our JPEG 2000 Part 1 lossless encoder and decoder against OpenJPEG 2.5 in the same run, one thread, in memory, on
 * gen_images.py's images ({@code -Dhtj2k.images}): a signed CT phantom and full-range noisy 16-bit, at 512 x 512 and
 * 3000 x 3000, and 8-bit RGB. Both encoders code lossless 5/3, one layer, RPCL, 64 x 64 blocks with the same number
 * of levels; ours also writes the TLM marker and one tile-part per resolution. Both decoders decode OpenJPEG's
 * codestream (what archives hold), and ours also its own. Run with {@code benchmarks/scripts/j2k-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class Jpeg2000Benchmark {

    @Param({"ct_s16_512", "gray16_512", "rgb8_512", "ct_s16_3000", "gray16_3000"})
    public String image;

    private ImageDescription description;
    private int levels;
    private byte[] samples;
    private byte[] ours;
    private byte[] theirs;
    private byte[] decoded;
    private final J2kEncoder encoder = new J2kEncoder();
    private final Htj2kDecoder decoder = new Htj2kDecoder(1L << 28);

    @Setup(Level.Trial)
    public void setUp() throws IOException, Htj2kException {
        Path dir = Path.of(System.getProperty("htj2k.images", "benchmarks/target/htj2k-images"));
        boolean signed = image.startsWith("ct_s");
        int components = image.startsWith("rgb") ? 3 : 1;
        int bits = image.startsWith("rgb") ? 8 : 16;
        int size = image.endsWith("3000") ? 3000 : 512;
        samples = Files.readAllBytes(dir.resolve(image + (signed ? ".yuv" : ".le.raw")));
        description = new ImageDescription(size, size, components, bits, signed);
        while ((size + (1 << levels) - 1) >> levels > 64) {
            levels++;
        }
        ours = encoder.encode(description, samples);
        theirs = OpenJpeg.encode(samples, size, size, components, bits, signed, levels);
        decoded = new byte[samples.length];
        // Both round trips must be exact, and each side must read the other's codestream.
        check(decoder.decode(ours).nativeBytes(), "ours -> ours");
        check(decoder.decode(theirs).nativeBytes(), "OpenJPEG -> ours");
        OpenJpeg.decode(ours, decoded);
        check(decoded, "ours -> OpenJPEG");
        OpenJpeg.decode(theirs, decoded);
        check(decoded, "OpenJPEG -> OpenJPEG");
        System.out.printf(
                "%n%s: ours %d bytes, OpenJPEG %d bytes, %d levels%n", image, ours.length, theirs.length, levels);
    }

    private void check(byte[] result, String what) {
        if (!Arrays.equals(result, samples)) {
            throw new IllegalStateException(what + " is not lossless for " + image);
        }
    }

    @Benchmark
    public byte[] encodeJava() throws Htj2kException {
        return encoder.encode(description, samples);
    }

    @Benchmark
    public byte[] encodeOpenJpeg() {
        return OpenJpeg.encode(
                samples,
                description.width(),
                description.height(),
                description.components(),
                description.bitsStored(),
                description.signed(),
                levels);
    }

    @Benchmark
    public DecodedImage decodeJava() throws Htj2kException {
        return decoder.decode(theirs);
    }

    @Benchmark
    public DecodedImage decodeJavaOwnCodestream() throws Htj2kException {
        return decoder.decode(ours);
    }

    @Benchmark
    public byte[] decodeOpenJpeg() {
        OpenJpeg.decode(theirs, decoded);
        return decoded;
    }
}
