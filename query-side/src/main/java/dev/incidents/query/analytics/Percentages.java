package dev.incidents.query.analytics;

/** Percentages as the analytics report them. */
final class Percentages {

    private Percentages() {
    }

    /** Returns {@code part} of {@code whole} in percent, rounded to one decimal, or null when {@code whole} is 0. */
    static Double of(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return Math.round(part * 1000.0 / whole) / 10.0;
    }
}
