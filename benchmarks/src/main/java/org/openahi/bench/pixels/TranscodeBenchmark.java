package org.openahi.bench.pixels;

import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openahi.bench.importing.SyntheticCtSeries;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.pixels.Codec;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.pixels.EncodedFrame;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.PixelVerificationException;
import org.openahi.core.pixels.StoragePlan;
import org.openahi.core.pixels.UnsupportedPixelsException;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What ingest does to each frame before it is acknowledged ({@link FrameTranscoder#transcode}: encode to HTJ2K,
 * decode again, compare, CRC32) on one 512 x 512 signed 16-bit CT phantom slice, beside the encode and the decode
 * alone, so that transcode minus both is the verification and checksum. One core ({@code ActiveProcessorCount=1}: no
 * codec helper thread), so the figures are CPU time, not what a second core hides. Run with the command in
 * docs/benchmarks.md ("Cheaper pixel verification").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=1")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TranscodeBenchmark {
    private static final int SIZE = 512;

    private final FrameTranscoder transcoder = new FrameTranscoder(DecodedFrameSink.NONE);
    private final Htj2kEncoder encoder = new Htj2kEncoder();
    private final Htj2kDecoder decoder = new Htj2kDecoder();
    private byte[] frame;
    private StoragePlan.Transcode plan;
    private ImageDescription description;
    private byte[] stored;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        frame = SyntheticCtSeries.slice(0, 1, new Random(42), SIZE);
        PixelLayout layout = new PixelLayout(SIZE, SIZE, 1, 16, 16, 15, true, false, "MONOCHROME2", 1);
        plan = new StoragePlan.Transcode(Codec.NATIVE.decoder().orElseThrow(), layout, layout, Optional.empty());
        description = new ImageDescription(SIZE, SIZE, 1, 16, true);
        stored = encoder.encodeJph(description, frame, 0, 16);
    }

    @Benchmark
    public EncodedFrame transcode() throws UnsupportedPixelsException, PixelVerificationException {
        return transcoder.transcode(frame, plan, LosslessStorageFormat.HTJ2K);
    }

    @Benchmark
    public byte[] encodeOnly() throws Htj2kException {
        return encoder.encodeJph(description, frame, 0, 16);
    }

    @Benchmark
    public DecodedImage decodeOnly() throws Htj2kException {
        return decoder.decode(stored);
    }
}
