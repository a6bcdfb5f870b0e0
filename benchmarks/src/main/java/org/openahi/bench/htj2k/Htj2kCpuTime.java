package org.openahi.bench.htj2k;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A development timing for a busy machine, beside {@link Htj2kBenchmark}: our HTJ2K encoder and decoder, OpenJPH's,
 * and optionally a second build of ours (the baseline, e.g. main's classes), each encoding and decoding the same
 * frame in turn in short slices for a number of rounds, scored by the calling thread's CPU time per frame (OpenJPH
 * 0.9 codes on the calling thread). Interleaving the sides and counting thread CPU time rather than wall time keeps
 * the ratios steady when other processes take the cores; JMH's wall-time scores, measured minutes apart, do not.
 * Each side is scored by its best slice after the first third of the rounds (the warm-up), with the median beside it;
 * the speed ratios are given from the best slices and as the median of the rounds' own ratios.
 *
 * <p>Arguments: rounds, then image names of gen_images.py's 16-bit grey images (default: the four of the JMH
 * benchmark). System properties: {@code -Dhtj2k.images} and {@code -Dopenjph.shim} as for the JMH benchmark, and
 * {@code -Dhtj2k.baseline}, a folder or jar holding another build of {@code org.openahi.htj2k}, loaded in a class
 * loader of its own. Run with {@code benchmarks/scripts/htj2k-cputime.sh}.
 */
public final class Htj2kCpuTime {

    private static final long SLICE_NANOS = 250_000_000L;
    private static final String[] DEFAULT_IMAGES = {"ct_s16_512", "gray16_512", "ct_s16_3000", "gray16_3000"};

    private Htj2kCpuTime() {}

    /** One implementation's encode and decode of the frame at hand. */
    private interface Side {
        byte[] encode() throws Throwable;

        Object decode() throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        String[] images = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : DEFAULT_IMAGES;
        Path dir = Path.of(System.getProperty("htj2k.images", "benchmarks/target/htj2k-images"));
        String baseline = System.getProperty("htj2k.baseline");
        ClassLoader baselineLoader = baseline == null
                ? null
                : new URLClassLoader(
                        new URL[] {Path.of(baseline).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("rounds: " + rounds + (baseline == null ? "" : "; baseline: " + baseline));
        for (String image : images) {
            boolean signed = image.startsWith("ct_s");
            int size = image.endsWith("3000") ? 3000 : 512;
            int levels = 0;
            while ((size + (1 << levels) - 1) >> levels > 64) {
                levels++;
            }
            byte[] samples = Files.readAllBytes(dir.resolve(image + (signed ? ".yuv" : ".le.raw")));
            List<String> names = new ArrayList<>(List.of("ours", "OpenJPH"));
            List<Side> sides = new ArrayList<>();
            sides.add(codec(Htj2kCpuTime.class.getClassLoader(), samples, size, signed, "ours"));
            sides.add(openJph(samples, size, signed, levels));
            if (baselineLoader != null) {
                names.add("baseline");
                sides.add(codec(baselineLoader, samples, size, signed, "baseline"));
                byte[] ours = sides.get(0).encode();
                byte[] theirs = sides.get(2).encode();
                System.out.printf(
                        "%s: ours %d bytes, baseline %d bytes, %s%n",
                        image, ours.length, theirs.length, Arrays.equals(ours, theirs) ? "identical" : "DIFFERENT");
            }
            double[][] encode = new double[sides.size()][rounds];
            double[][] decode = new double[sides.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int s = 0; s < sides.size(); s++) {
                    encode[s][round] = cpuMillisPerFrame(threads, sides.get(s), true);
                    decode[s][round] = cpuMillisPerFrame(threads, sides.get(s), false);
                }
            }
            for (int op = 0; op < 2; op++) {
                double[][] times = op == 0 ? encode : decode;
                StringBuilder line = new StringBuilder(String.format("%-12s %s", image, op == 0 ? "encode" : "decode"));
                double[] best = new double[sides.size()];
                for (int s = 0; s < sides.size(); s++) {
                    double[] kept = Arrays.copyOfRange(times[s], rounds / 3, rounds);
                    Arrays.sort(kept);
                    best[s] = kept[0];
                    line.append(
                            String.format("  %s %.3f ms (median %.3f)", names.get(s), kept[0], kept[kept.length / 2]));
                }
                line.append(String.format(
                        "  ours/OpenJPH speed %.2fx (rounds' median %.2fx)",
                        best[1] / best[0], medianRatio(times[1], times[0], rounds / 3)));
                if (sides.size() > 2) {
                    line.append(String.format(
                            "  ours/baseline speed %.2fx (rounds' median %.2fx)",
                            best[2] / best[0], medianRatio(times[2], times[0], rounds / 3)));
                }
                System.out.println(line);
            }
        }
    }

    /**
     * The median over the rounds from {@code from} on of {@code a[round] / b[round]}: each round times the sides
     * within a second or two of each other, so its ratio holds when the machine's load changes between rounds.
     */
    private static double medianRatio(double[] a, double[] b, int from) {
        double[] ratios = new double[a.length - from];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = a[from + i] / b[from + i];
        }
        Arrays.sort(ratios);
        int n = ratios.length;
        return n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
    }

    /** Codes the frame for a slice of wall time and returns the thread CPU time per frame, in milliseconds. */
    private static double cpuMillisPerFrame(ThreadMXBean threads, Side side, boolean encode) throws Throwable {
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        int frames = 0;
        do {
            if (encode) {
                side.encode();
            } else {
                side.decode();
            }
            frames++;
        } while (System.nanoTime() - start < SLICE_NANOS);
        return (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / frames;
    }

    private static Side openJph(byte[] samples, int size, boolean signed, int levels) {
        byte[] codestream = OpenJph.encode(samples, size, size, 1, 16, signed, levels);
        byte[] decoded = new byte[samples.length];
        OpenJph.decode(codestream, decoded);
        check(decoded, samples, "OpenJPH -> OpenJPH");
        return new Side() {
            @Override
            public byte[] encode() {
                return OpenJph.encode(samples, size, size, 1, 16, signed, levels);
            }

            @Override
            public Object decode() {
                OpenJph.decode(codestream, decoded);
                return decoded;
            }
        };
    }

    /**
     * {@code Htj2kEncoder.encode(description, samples)} and {@code Htj2kDecoder.decode(codestream)} of the build that
     * {@code loader} sees, called through method handles so that two builds of the same classes can run side by side.
     */
    private static Side codec(ClassLoader loader, byte[] samples, int size, boolean signed, String name)
            throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> descriptionClass = Class.forName("org.openahi.htj2k.ImageDescription", true, loader);
        Class<?> encoderClass = Class.forName("org.openahi.htj2k.Htj2kEncoder", true, loader);
        Class<?> decoderClass = Class.forName("org.openahi.htj2k.Htj2kDecoder", true, loader);
        Class<?> decodedClass = Class.forName("org.openahi.htj2k.DecodedImage", true, loader);
        Object description = lookup.findConstructor(
                        descriptionClass,
                        MethodType.methodType(void.class, int.class, int.class, int.class, int.class, boolean.class))
                .invoke(size, size, 1, 16, signed);
        Object encoder = lookup.findConstructor(encoderClass, MethodType.methodType(void.class))
                .invoke();
        Object decoder = lookup.findConstructor(decoderClass, MethodType.methodType(void.class))
                .invoke();
        MethodHandle encode = lookup.findVirtual(
                        encoderClass, "encode", MethodType.methodType(byte[].class, descriptionClass, byte[].class))
                .bindTo(encoder)
                .bindTo(description)
                .asType(MethodType.methodType(byte[].class, byte[].class));
        MethodHandle decode = lookup.findVirtual(
                        decoderClass, "decode", MethodType.methodType(decodedClass, byte[].class))
                .bindTo(decoder)
                .asType(MethodType.methodType(Object.class, byte[].class));
        MethodHandle nativeBytes = lookup.findVirtual(decodedClass, "nativeBytes", MethodType.methodType(byte[].class))
                .asType(MethodType.methodType(byte[].class, Object.class));
        byte[] codestream = (byte[]) encode.invokeExact(samples);
        check((byte[]) nativeBytes.invokeExact((Object) decode.invokeExact(codestream)), samples, name + " -> " + name);
        return new Side() {
            @Override
            public byte[] encode() throws Throwable {
                return (byte[]) encode.invokeExact(samples);
            }

            @Override
            public Object decode() throws Throwable {
                return (Object) decode.invokeExact(codestream);
            }
        };
    }

    private static void check(byte[] result, byte[] samples, String what) {
        if (!Arrays.equals(result, samples)) {
            throw new IllegalStateException(what + " is not lossless");
        }
    }
}
