package org.openahi.core.pixels;

import java.lang.ref.SoftReference;
import java.util.function.Supplier;

/**
 * A value each thread keeps for its next use (a codec and its buffers, sized by the largest frame the thread coded),
 * which the collector may take back when memory runs short: it is softly held, so buffers kept by idle workers are
 * cleared before the heap is out of memory ({@link SoftReference} guarantees it), and made again on the next use.
 * Held strongly, every ingest thread kept the buffers of the largest image it had ever coded (the WG04 compression
 * test set: 106 MB after four RLE images, then an OutOfMemoryError on a 4664 x 3064 mammogram).
 */
final class Reclaimable<T> {
    private final ThreadLocal<SoftReference<T>> values = new ThreadLocal<>();
    private final Supplier<T> create;

    Reclaimable(Supplier<T> create) {
        this.create = create;
    }

    /** This thread's value, made anew when it has none or the collector took it. */
    T get() {
        SoftReference<T> held = values.get();
        T value = held == null ? null : held.get();
        if (value == null) {
            value = create.get();
            values.set(new SoftReference<>(value));
        }
        return value;
    }

    /** Keeps {@code value} for this thread's next use. */
    void set(T value) {
        values.set(new SoftReference<>(value));
    }
}
