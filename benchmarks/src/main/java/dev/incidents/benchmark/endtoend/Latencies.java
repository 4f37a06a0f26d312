package dev.incidents.benchmark.endtoend;

import java.util.Arrays;

/** Latencies of one measured operation, in nanoseconds, and the percentiles read from them. */
final class Latencies {

    private long[] values = new long[1024];
    private int count;

    synchronized void record(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    /** Returns the percentile {@code p} (0 to 100) in milliseconds, by the nearest-rank method. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }
}
