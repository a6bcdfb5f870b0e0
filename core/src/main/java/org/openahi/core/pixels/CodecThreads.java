package org.openahi.core.pixels;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kEncoder;
import org.openahi.htj2k.J2kEncoder;

/**
 * Where frames are coded (and decoded frames read back from disk and checked). {@link #run} takes coding off the
 * threads many requests share — virtual threads, and the HTTP front door's ({@link #handingOffCoding}) — onto as many
 * coding threads as cores: a virtual thread runs on one of a few carrier threads (as many as cores), where a frame
 * coded holds the carrier for milliseconds and cheap requests queued behind decodes for seconds; on request threads,
 * as many frames would be coded at once as there are requests, each coder keeping its buffers on its thread. On these
 * platform threads the operating system shares the cores between coding and everything else.
 *
 * <p>The JPEG 2000 family coders, each sharing one frame's code-blocks (and the decoder its wavelet rows) between the
 * calling thread and these helper threads: one request, one STOW-RS instance or one DIMSE association then uses every
 * core of an otherwise idle server, and a frame is stored or served in about half the time on two cores. Under load
 * the helpers are busy with other frames and each caller codes its own frame (the output is the same bytes either
 * way). Daemon threads living as long as the process, like the coders kept with their buffers between frames.
 */
public final class CodecThreads {
    private static final int PARALLELISM = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService HELPERS =
            PARALLELISM > 1 ? threads("openahi-codec-helper-", PARALLELISM - 1) : null;
    private static final ExecutorService CODERS = threads("openahi-codec-", PARALLELISM);
    private static final ThreadLocal<Boolean> ALONE = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> HANDS_OFF = ThreadLocal.withInitial(() -> false);

    private CodecThreads() {}

    /** Coding work: decoding, encoding, verifying a frame. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} on one of the coding threads when called on a virtual thread (which waits without holding its
     * carrier) or on a thread that hands coding off ({@link #handingOffCoding}), else here: the import, STOW-RS and DIMSE
     * workers and background work are as many as the cores already.
     *
     * @throws CancellationException when the waiting thread is interrupted (its interrupt status is kept)
     */
    public static <T, E extends Exception> T run(Work<T, E> work) throws E {
        if (!Thread.currentThread().isVirtual() && !HANDS_OFF.get()) {
            return work.run();
        }
        Future<T> result = CODERS.submit(work::run);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while a frame was coded");
        } catch (ExecutionException e) {
            throw CodecThreads.<E>rethrown(e.getCause());
        }
    }

    // The work threw E or an unchecked throwable, nothing else: the cast only restores the type the compiler lost.
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrown(Throwable cause) {
        if (cause instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return (E) cause;
    }

    /** {@code task}, its thread marked as one whose coding {@link #run} hands to the coding threads. */
    public static Runnable handingOffCoding(Runnable task) {
        return () -> {
            HANDS_OFF.set(true);
            task.run();
        };
    }

    /**
     * Has the coders the calling thread makes from now on work alone, without the helper threads: background work
     * (encoding pending frames) then takes one core, and requests keep the others. With the helpers, the encoding
     * after an ingest took both cores of a 2-core server, and QIDO-RS requests at 32 connections waited up to 2 s.
     */
    public static void codeAloneOnThisThread() {
        ALONE.set(true);
    }

    static Htj2kDecoder decoder() {
        return ALONE.get()
                ? new Htj2kDecoder()
                : new Htj2kDecoder(Htj2kDecoder.DEFAULT_MAX_SAMPLES, HELPERS, PARALLELISM);
    }

    static Htj2kEncoder encoder() {
        return ALONE.get() ? new Htj2kEncoder() : new Htj2kEncoder(HELPERS, PARALLELISM);
    }

    static J2kEncoder j2kEncoder() {
        return ALONE.get() ? new J2kEncoder() : new J2kEncoder(HELPERS, PARALLELISM);
    }

    private static ExecutorService threads(String name, int count) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, name + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
