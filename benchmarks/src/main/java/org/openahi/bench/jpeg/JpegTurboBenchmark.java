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
 * Our decoder against libjpeg-turbo 2.1 (SIMD, Debian's libjpeg62-turbo) on the 8-bit baseline frames, which is all
 * that build reads: YCbCr kept with chroma upsampled ({@code conversion=NONE}, what openahi runs; libjpeg's
 * {@code out_color_space = JCS_YCbCr}) or converted to RGB ({@code YBR_TO_RGB}) on both sides, same samples checked
 * at setup. Run with {@code benchmarks/scripts/jpeg-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class JpegTurboBenchmark {

    @Param({"baseline8_rgb_768x576", "baseline8_ybr420_320x240"})
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
        NativeJpeg.decodeTurbo(frame.jpeg(), frame.nativeOutput(), toRgb);
        if (!Arrays.equals(decodeJava().nativeBytes(), frame.nativeOutput())) {
            throw new IllegalStateException(
                    "libjpeg-turbo and openahi decode " + image + " (" + applied + ") differently");
        }
    }

    @Benchmark
    public DecodedImage decodeJava() throws JpegException {
        return decoder.decode(frame.jpeg(), applied);
    }

    @Benchmark
    public byte[] decodeTurbo() {
        NativeJpeg.decodeTurbo(frame.jpeg(), frame.nativeOutput(), toRgb);
        return frame.nativeOutput();
    }
}
