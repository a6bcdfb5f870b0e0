package org.openahi.bench.pixels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import org.openahi.bench.importing.SyntheticCtSeries;

/**
 * A development timing for a busy machine, beside {@link TranscodeBenchmark}: {@code FrameTranscoder.transcode} of the
 * same 512 x 512 signed 16-bit CT phantom slice by this build and by a baseline build (e.g. main's classes), in turn in
 * short slices for a number of rounds, scored by the calling thread's CPU time and allocated bytes per frame. Run
 * with {@code -XX:ActiveProcessorCount=1}, so that no codec helper thread codes part of a frame out of the calling
 * thread's account. Each side is scored by its best slice after the first third of the rounds, the median beside it.
 *
 * <p>Arguments: rounds. {@code -Dtranscode.baseline}: the baseline's class folders (its core, htj2k, dicom, jpeg and
 * jpegls), separated by {@code :}, whose {@code org.openahi} classes are loaded in a class loader of their own. Run
 * with {@code benchmarks/scripts/transcode-cputime.sh}.
 */
public final class TranscodeCpuTime {
    private static final long SLICE_NANOS = 250_000_000L;
    private static final int SIZE = 512;

    private TranscodeCpuTime() {}

    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        String[] folders = System.getProperty("transcode.baseline").split(":");
        URL[] urls = new URL[folders.length];
        for (int i = 0; i < folders.length; i++) {
            urls[i] = Path.of(folders[i]).toUri().toURL();
        }
        ClassLoader here = TranscodeCpuTime.class.getClassLoader();
        byte[] frame = SyntheticCtSeries.slice(0, 1, new Random(42), SIZE);
        MethodHandle[] sides = {transcoder(here, frame), transcoder(new OwnFirst(urls, here), frame)};
        String[] names = {"this build", "baseline"};
        for (MethodHandle side : sides) {
            Object encoded = side.invoke();
            CRC32 crc = new CRC32();
            crc.update(frame);
            long checksum = (long) encoded.getClass().getMethod("checksum").invoke(encoded);
            if (checksum != crc.getValue()) {
                throw new AssertionError("checksum " + checksum + " is not the frame's " + crc.getValue());
            }
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[][] cpu = new double[2][rounds];
        double[][] allocated = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < 2; s++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long bytesStart = threads.getCurrentThreadAllocatedBytes();
                int frames = 0;
                do {
                    sides[s].invoke();
                    frames++;
                } while (System.nanoTime() - start < SLICE_NANOS);
                cpu[s][round] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / frames;
                allocated[s][round] = (threads.getCurrentThreadAllocatedBytes() - bytesStart) / 1024.0 / frames;
            }
        }
        double[] best = new double[2];
        StringBuilder line = new StringBuilder("transcode ct_s16_512");
        for (int s = 0; s < 2; s++) {
            double[] kept = Arrays.copyOfRange(cpu[s], rounds / 3, rounds);
            Arrays.sort(kept);
            best[s] = kept[0];
            double[] bytes = Arrays.copyOfRange(allocated[s], rounds / 3, rounds);
            Arrays.sort(bytes);
            line.append(String.format(
                    "  %s %.0f us (median %.0f), %.0f KiB allocated",
                    names[s], kept[0], kept[kept.length / 2], bytes[bytes.length / 2]));
        }
        line.append(String.format("  this build / baseline CPU time %.3f", best[0] / best[1]));
        System.out.println(line);
    }

    /**
     * {@code new FrameTranscoder(...).transcode(frame, plan, HTJ2K)} of the build {@code loader} sees (handing decoded
     * frames to no sink, in builds that have one), called through method handles so that two builds of the same
     * classes can run side by side.
     */
    private static MethodHandle transcoder(ClassLoader loader, byte[] frame) throws Exception {
        Class<?> layoutClass = loader.loadClass("org.openahi.core.pixels.PixelLayout");
        Object layout =
                layoutClass.getConstructors()[0].newInstance(SIZE, SIZE, 1, 16, 16, 15, true, false, "MONOCHROME2", 1);
        Class<?> codecs = loader.loadClass("org.openahi.core.pixels.Codec");
        Object codec = ((Optional<?>) codecs.getMethod("decoder")
                        .invoke(codecs.getField("NATIVE").get(null)))
                .orElseThrow();
        Class<?> planClass = loader.loadClass("org.openahi.core.pixels.StoragePlan$Transcode");
        Object plan = planClass.getConstructors()[0].newInstance(codec, layout, layout, Optional.empty());
        Class<?> formats = loader.loadClass("org.openahi.core.datastore.LosslessStorageFormat");
        Object format = formats.getField("HTJ2K").get(null);
        Class<?> transcoderClass = loader.loadClass("org.openahi.core.pixels.FrameTranscoder");
        Object transcoder;
        try {
            transcoder = transcoderClass.getConstructor().newInstance();
        } catch (NoSuchMethodException builtWithTheDecodedFrameSink) {
            Class<?> sink = loader.loadClass("org.openahi.core.pixels.DecodedFrameSink");
            transcoder = transcoderClass
                    .getConstructor(sink)
                    .newInstance(sink.getField("NONE").get(null));
        }
        MethodHandle transcode = MethodHandles.publicLookup()
                .findVirtual(
                        transcoderClass,
                        "transcode",
                        MethodType.methodType(
                                loader.loadClass("org.openahi.core.pixels.EncodedFrame"),
                                byte[].class,
                                planClass,
                                formats));
        return MethodHandles.insertArguments(transcode, 0, transcoder, frame, plan, format)
                .asType(MethodType.methodType(Object.class));
    }

    /** Loads openahi's classes from its own folders, everything else (JDK, libraries) from its parent. */
    private static final class OwnFirst extends URLClassLoader {
        OwnFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.openahi.") || name.startsWith("org.openahi.bench.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
