package dev.incidents.benchmark;

/**
 * One result of a benchmark, in the form every benchmark of the suite reports.
 *
 * @param name     stable identifier of the benchmark, such as {@code incident.commandAfterHistory[100]}
 * @param workload what one operation does, in words
 * @param unit     unit of {@code median}, {@code min} and {@code max}, such as {@code us/op} or {@code bytes}
 * @param median   median over the repeated runs
 * @param min      smallest value over the repeated runs
 * @param max      largest value over the repeated runs
 * @param runs     number of repeated runs behind the figures: JMH measurement iterations, forks, or 1 for a
 *                 value that does not vary
 * @param baseline name of the figure this one is compared with, or null
 * @param ratio    {@code median} divided by the median of {@code baseline}, or null without a baseline
 */
public record Figure(String name, String workload, String unit, double median, double min, double max, int runs,
                     String baseline, Double ratio) {
}
