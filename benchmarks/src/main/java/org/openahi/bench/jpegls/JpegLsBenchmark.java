package org.openahi.bench.jpegls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openahi.dicom.io.DicomReader;
import org.openahi.jpegls.DecodedImage;
import org.openahi.jpegls.JpegLsDecoder;
import org.openahi.jpegls.JpegLsException;
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
 * Our JPEG-LS decoder against CharLS 2.4 in the same run, one thread, in memory. Frames: gen_images.py's images
 * ({@code -Djpegls.images}) encoded by CharLS at setup (8-bit grey; 8-bit RGB line- and sample-interleaved; 12-bit
 * grey; a 3000 x 3000 12-bit CT phantom lossless and with NEAR 2; 16-bit 3000 x 3000 noisy grey), and two real
 * frames of the corpus ({@code -Djpegls.corpus}): a 10-bit lossless CR (RG2_JLSL, 2140 x 1760) and a 16-bit
 * near-lossless CT (CT1_JLSN, NEAR 4). Setup checks that both decoders give the same samples. Run with
 * {@code benchmarks/scripts/jpegls-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class JpegLsBenchmark {

    @Param({
        "gray8_512",
        "rgb8_512_line",
        "rgb8_512_sample",
        "gray12_512",
        "ctu12_3000",
        "ctu12_3000_near2",
        "gray16_3000",
        "RG2_JLSL",
        "CT1_JLSN"
    })
    public String frame;

    private byte[] code;
    private byte[] decoded;
    private final JpegLsDecoder decoder = new JpegLsDecoder(1L << 28);

    @Setup(Level.Trial)
    public void setUp() throws IOException, JpegLsException {
        code = switch (frame) {
            case "gray8_512" -> generated("gray8_512", 512, 1, 8, 0, 0);
            case "rgb8_512_line" -> generated("rgb8_512", 512, 3, 8, 1, 0);
            case "rgb8_512_sample" -> generated("rgb8_512", 512, 3, 8, 2, 0);
            case "gray12_512" -> generated("gray12_512", 512, 1, 12, 0, 0);
            case "ctu12_3000" -> generated("ctu12_3000", 3000, 1, 12, 0, 0);
            case "ctu12_3000_near2" -> generated("ctu12_3000", 3000, 1, 12, 0, 2);
            case "gray16_3000" -> generated("gray16_3000", 3000, 1, 16, 0, 0);
            case "RG2_JLSL" -> corpus("pylibjpeg-data/JPEGLSLossless/RG2_JLSL.dcm");
            case "CT1_JLSN" -> corpus("pylibjpeg-data/JPEGLS/CT1_JLSN.dcm");
            default -> throw new IllegalArgumentException(frame);
        };
        byte[] ours = decoder.decode(code).nativeBytes();
        decoded = new byte[ours.length];
        CharLs.decode(code, decoded);
        if (!Arrays.equals(ours, decoded)) {
            throw new IllegalStateException("our decoder and CharLS disagree on " + frame);
        }
        System.out.printf("%n%s: %d bytes coded, %d decoded%n", frame, code.length, ours.length);
    }

    /** A gen_images.py raw image, square, encoded by CharLS. */
    private static byte[] generated(String name, int size, int components, int bits, int interleave, int near)
            throws IOException {
        Path dir = Path.of(System.getProperty("jpegls.images", "benchmarks/target/htj2k-images"));
        byte[] samples = Files.readAllBytes(dir.resolve(name + ".le.raw"));
        return CharLs.encode(samples, size, size, components, bits, interleave, near);
    }

    /** The first frame of a corpus file. */
    private static byte[] corpus(String relative) throws IOException {
        Path dir = Path.of(System.getProperty("jpegls.corpus", "../shared/dicom"));
        return DicomReader.read(dir.resolve(relative)).pixelData().frame(0).readAllBytes();
    }

    @Benchmark
    public DecodedImage decodeJava() throws JpegLsException {
        return decoder.decode(code);
    }

    @Benchmark
    public byte[] decodeCharLs() {
        CharLs.decode(code, decoded);
        return decoded;
    }
}
