package org.openahi.core.pixels;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Decoders kept between frames with their working buffers: a codec module's decoder is not thread-safe and costly to
 * make, and frames are decoded on import workers and on the coding threads requests hand them to, so neither one
 * decoder nor one per thread fits. At most as many idle decoders as processors are kept.
 */
final class DecoderPool<T> {
    private final BlockingQueue<T> idle =
            new ArrayBlockingQueue<>(Runtime.getRuntime().availableProcessors());
    private final Supplier<T> factory;

    DecoderPool(Supplier<T> factory) {
        this.factory = factory;
    }

    /** What is done with a decoder. */
    interface Use<T, R, E extends Exception> {
        R apply(T decoder) throws E;
    }

    /** Runs {@code use} with a decoder of the pool, returned to it afterwards. */
    <R, E extends Exception> R with(Use<T, R, E> use) throws E {
        T decoder = idle.poll();
        if (decoder == null) {
            decoder = factory.get();
        }
        try {
            return use.apply(decoder);
        } finally {
            idle.offer(decoder);
        }
    }
}
