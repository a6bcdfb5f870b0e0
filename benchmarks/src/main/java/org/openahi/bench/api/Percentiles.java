package org.openahi.bench.api;

/** Nearest-rank percentiles of sorted latencies. */
final class Percentiles {
    private Percentiles() {}

    /** The {@code p} (0 to 1) percentile of the sorted nanosecond latencies, in milliseconds; NaN when none. */
    static double millis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.max(0, Math.ceil(p * sortedNanos.length) - 1));
        return sortedNanos[index] / 1e6;
    }
}
