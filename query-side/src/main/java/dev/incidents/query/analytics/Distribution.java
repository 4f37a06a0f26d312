package dev.incidents.query.analytics;

import java.util.List;

/**
 * Count, mean, median and 90th percentile of durations, in minutes rounded to one decimal. Both percentiles use
 * the nearest-rank method: the p-th percentile of n sorted values is the value at rank ceil(p / 100 x n), counted
 * from 1. It is always one of the observed values, so the median of 10 and 20 minutes is 10. Without values every
 * figure but the count is null.
 */
record Distribution(int count, Double mean, Double median, Double p90) {

    static Distribution ofMillis(List<Long> millis) {
        if (millis.isEmpty()) {
            return new Distribution(0, null, null, null);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        double sum = sorted.stream().mapToLong(Long::longValue).sum();
        return new Distribution(sorted.size(), minutes(sum / sorted.size()), minutes(nearestRank(sorted, 50)),
                minutes(nearestRank(sorted, 90)));
    }

    /** Returns the nearest-rank {@code percentile} of the ascending, non-empty {@code sorted}. */
    static long nearestRank(List<Long> sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static Double minutes(double millis) {
        return Math.round(millis / 6_000.0) / 10.0;
    }
}
