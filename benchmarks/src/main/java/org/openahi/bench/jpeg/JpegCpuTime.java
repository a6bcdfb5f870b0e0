package org.openahi.bench.jpeg;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openahi.jpeg.JpegDecoder;

/**
 * A development timing for a busy machine, beside the JMH benchmarks: our decoder, libjpeg-turbo (8-bit frames) and
 * DCMTK decode the same frame in turn, half a second each, for a number of rounds, and each is scored by the thread
 * CPU time per frame, the best of the second half of the rounds. Interleaving the three in short slices and counting
 * CPU time rather than wall time keeps the ratios steady when other processes take the cores, which JMH's wall-time
 * scores, measured minutes apart, do not.
 *
 * <p>Arguments: rounds, then comma-separated frame names of {@link BenchFrame#FILES}; system properties as for the JMH
 * benchmarks ({@code -Djpeg.corpus}, {@code -Djpeg.shim}).
 */
public final class JpegCpuTime {

    private static final long SLICE_NANOS = 500_000_000L;

    private JpegCpuTime() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        JpegDecoder decoder = new JpegDecoder();
        for (String image : args[1].split(",")) {
            BenchFrame frame = BenchFrame.load(image);
            boolean turbo = frame.info().precision() == 8;
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
                        switch (side) {
                            case 0 -> decoder.decode(frame.jpeg(), frame.conversion());
                            case 1 -> NativeJpeg.decodeTurbo(frame.jpeg(), frame.nativeOutput());
                            default ->
                                NativeJpeg.decodeDcmtk(
                                        frame.jpeg(),
                                        frame.nativeOutput(),
                                        frame.info().precision(),
                                        frame.ybr());
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
                    "%-26s ours %.3f ms%s  DCMTK %.3f ms (ours/DCMTK speed %.2fx)%n",
                    image,
                    best[0],
                    turbo
                            ? String.format(
                                    "  libjpeg-turbo %.3f ms (ours/turbo speed %.2fx)", best[1], best[1] / best[0])
                            : "",
                    best[2],
                    best[2] / best[0]);
        }
    }
}
