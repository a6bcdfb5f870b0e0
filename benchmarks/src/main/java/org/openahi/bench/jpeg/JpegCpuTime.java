package org.openahi.bench.jpeg;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.openahi.jpeg.ColourConversion;
import org.openahi.jpeg.JpegDecoder;

/**
 * A development timing for a busy machine, beside the JMH benchmarks: our decoder, libjpeg-turbo (8-bit frames) and
 * DCMTK decode the same frame in turn, half a second each, for a number of rounds, and each is scored by the thread
 * CPU time per frame, the best of the second half of the rounds. Interleaving the three in short slices and counting
 * CPU time rather than wall time keeps the ratios steady when other processes take the cores, which JMH's wall-time
 * scores, measured minutes apart, do not. Before timing, each native decoder's samples are checked against ours.
 *
 * <p>Arguments: rounds; comma-separated frame names of {@link BenchFrame#FILES}; optionally comma-separated
 * conversions ({@code NONE}, what openahi runs, and {@code YBR_TO_RGB} by default: a frame that is not YBR is timed
 * once, as {@code NONE}). System properties as for the JMH benchmarks ({@code -Djpeg.corpus}, {@code -Djpeg.shim}).
 */
public final class JpegCpuTime {

    private static final long SLICE_NANOS = 500_000_000L;

    private JpegCpuTime() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        ColourConversion[] asked = args.length > 2
                ? Arrays.stream(args[2].split(","))
                        .map(ColourConversion::valueOf)
                        .toArray(ColourConversion[]::new)
                : ColourConversion.values();
        JpegDecoder decoder = new JpegDecoder();
        for (String image : args[1].split(",")) {
            BenchFrame frame = BenchFrame.load(image);
            for (ColourConversion conversion :
                    Arrays.stream(asked).map(frame::conversion).distinct().toList()) {
                time(decoder, image, frame, conversion, rounds);
            }
        }
    }

    private static void time(
            JpegDecoder decoder, String image, BenchFrame frame, ColourConversion conversion, int rounds)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean turbo = frame.info().precision() == 8;
        boolean toRgb = conversion == ColourConversion.YBR_TO_RGB;
        byte[] ours = decoder.decode(frame.jpeg(), conversion).nativeBytes();
        for (int side = 1; side < 3; side++) {
            if (side == 1 && !turbo) {
                continue;
            }
            decodeNative(side, frame, toRgb);
            if (!Arrays.equals(ours, frame.nativeOutput())) {
                throw new IllegalStateException((side == 1 ? "libjpeg-turbo" : "DCMTK") + " and openahi decode " + image
                        + " (" + conversion + ") differently");
            }
        }
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < rounds; round++) {
            for (int side = 0; side < 3; side++) {
                if (side == 1 && !turbo) {
                    continue;
                }
                long start = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                int frames = 0;
                while (System.nanoTime() - start < SLICE_NANOS) {
                    if (side == 0) {
                        decoder.decode(frame.jpeg(), conversion);
                    } else {
                        decodeNative(side, frame, toRgb);
                    }
                    frames++;
                }
                double ms = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / frames;
                if (round >= rounds / 2) {
                    best[side] = Math.min(best[side], ms);
                }
            }
        }
        System.out.printf(
                "%-26s %-10s ours %.3f ms%s  DCMTK %.3f ms (ours/DCMTK speed %.2fx)%n",
                image,
                conversion,
                best[0],
                turbo
                        ? String.format("  libjpeg-turbo %.3f ms (ours/turbo speed %.2fx)", best[1], best[1] / best[0])
                        : "",
                best[2],
                best[2] / best[0]);
    }

    /** Side 1 is libjpeg-turbo, side 2 DCMTK. */
    private static void decodeNative(int side, BenchFrame frame, boolean toRgb) {
        if (side == 1) {
            NativeJpeg.decodeTurbo(frame.jpeg(), frame.nativeOutput(), toRgb);
        } else {
            NativeJpeg.decodeDcmtk(
                    frame.jpeg(), frame.nativeOutput(), frame.info().precision(), toRgb);
        }
    }
}
