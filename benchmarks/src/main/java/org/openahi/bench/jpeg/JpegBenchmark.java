package org.openahi.bench.jpeg;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openahi.jpeg.ColourConversion;
import org.openahi.jpeg.DecodedImage;
import org.openahi.jpeg.JpegDecoder;
import org.openahi.jpeg.JpegException;
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
 * Our JPEG decoder against DCMTK 3.6.7's (the IJG 6b-based builds for 8, 12 and 16 bits that dcmdjpeg runs) in the
 * same run, one thread, in memory, on corpus frames: lossless 16-bit 516x516 and 10-bit 1760x2140, extended 12-bit
 * 1760x2140, baseline 8-bit colour 768x576 (4:4:4) and 320x240 (4:2:0). Both sides keep YCbCr ({@code
 * conversion=NONE}, what openahi runs, dcmdjpeg +cn) or convert it to RGB ({@code YBR_TO_RGB}, dcmdjpeg's default);
 * setup checks that they give the same samples. Run with {@code benchmarks/scripts/jpeg-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class JpegBenchmark {

    @Param({
        "lossless16_516",
        "lossless10_1760x2140",
        "extended12_1760x2140",
        "baseline8_rgb_768x576",
        "baseline8_ybr420_320x240"
    })
    public String image;

    /** {@code NONE} is what openahi runs (YCbCr kept); {@code YBR_TO_RGB} is dcmdjpeg's default. */
    @Param({"NONE", "YBR_TO_RGB"})
    public ColourConversion conversion;

    private BenchFrame frame;
    private ColourConversion applied;
    private boolean toRgb;
    private final JpegDecoder decoder = new JpegDecoder();

    @Setup(Level.Trial)
    public void setUp() throws IOException, JpegException {
        frame = BenchFrame.load(image);
        applied = frame.conversion(conversion);
        toRgb = applied == ColourConversion.YBR_TO_RGB;
        NativeJpeg.decodeDcmtk(frame.jpeg(), frame.nativeOutput(), frame.info().precision(), toRgb);
        if (!Arrays.equals(decodeJava().nativeBytes(), frame.nativeOutput())) {
            throw new IllegalStateException("DCMTK and openahi decode " + image + " (" + applied + ") differently");
        }
        System.out.printf("%n%s: %s, %d bytes%n", image, frame.info(), frame.jpeg().length);
    }

    @Benchmark
    public DecodedImage decodeJava() throws JpegException {
        return decoder.decode(frame.jpeg(), applied);
    }

    @Benchmark
    public byte[] decodeDcmtk() {
        NativeJpeg.decodeDcmtk(frame.jpeg(), frame.nativeOutput(), frame.info().precision(), toRgb);
        return frame.nativeOutput();
    }
}
