package org.openahi.bench.j2k;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.ImageDescription;
import org.openahi.htj2k.J2kEncoder;

/**
 * {@link Jpeg2000Benchmark}'s four operations (our encoder, OpenJPEG's, our decoder and OpenJPEG's on OpenJPEG's
 * codestream) timed in CPU time of the process rather than wall time, the four alternated in each round, so that a
 * machine shared with other work slows both sides alike and the ratio stays readable where JMH's wall-clock figures
 * scatter. Process time, not thread time: OpenJPEG may run its one-thread work on a pool thread. It includes GC and
 * JIT threads, whose share after the first rounds is small. Prints the fastest round of each operation (the one
 * least disturbed). Run with {@code benchmarks/scripts/j2k-cputime.sh [rounds] [images...]}.
 */
public final class Jpeg2000CpuTime {

    private Jpeg2000CpuTime() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String[] images = args.length > 1
                ? Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"ct_s16_512", "gray16_512", "rgb8_512", "ct_s16_3000", "gray16_3000"};
        Path dir = Path.of(System.getProperty("htj2k.images", "benchmarks/target/htj2k-images"));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("image | encode ours ms | encode OpenJPEG ms | ours/native | decode ours ms |"
                + " decode OpenJPEG ms | ours/native");
        for (String image : images) {
            boolean signed = image.startsWith("ct_s");
            int components = image.startsWith("rgb") ? 3 : 1;
            int bits = image.startsWith("rgb") ? 8 : 16;
            int size = image.endsWith("3000") ? 3000 : 512;
            int levels = 0;
            while ((size + (1 << levels) - 1) >> levels > 64) {
                levels++;
            }
            byte[] samples = Files.readAllBytes(dir.resolve(image + (signed ? ".yuv" : ".le.raw")));
            ImageDescription description = new ImageDescription(size, size, components, bits, signed);
            J2kEncoder encoder = new J2kEncoder();
            Htj2kDecoder decoder = new Htj2kDecoder(1L << 28);
            byte[] theirs = OpenJpeg.encode(samples, size, size, components, bits, signed, levels);
            byte[] decoded = new byte[samples.length];
            if (!Arrays.equals(decoder.decode(theirs).nativeBytes(), samples)) {
                throw new IllegalStateException("OpenJPEG -> ours is not lossless for " + image);
            }
            int repeats = size == 3000 ? 1 : 10;
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < rounds; round++) {
                for (int op = 0; op < 4; op++) {
                    long start = os.getProcessCpuTime();
                    for (int i = 0; i < repeats; i++) {
                        switch (op) {
                            case 0 -> encoder.encode(description, samples);
                            case 1 -> OpenJpeg.encode(samples, size, size, components, bits, signed, levels);
                            case 2 -> decoder.decode(theirs);
                            default -> OpenJpeg.decode(theirs, decoded);
                        }
                    }
                    best[op] = Math.min(best[op], (os.getProcessCpuTime() - start) / 1e6 / repeats);
                }
            }
            System.out.printf(
                    "%s | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f%n",
                    image, best[0], best[1], best[1] / best[0], best[2], best[3], best[3] / best[2]);
        }
    }
}
