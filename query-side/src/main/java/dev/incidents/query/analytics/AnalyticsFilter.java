package dev.incidents.query.analytics;

import java.time.Instant;

import dev.incidents.api.incident.Priority;

/**
 * The incidents an analytics report counts. Every field is optional (null).
 *
 * @param from first report instant counted, inclusive
 * @param to   report instant at which counting stops, exclusive
 */
record AnalyticsFilter(Instant from, Instant to, String group, Priority priority, String category) {

    /** Returns true when {@code instant} lies in the half-open range {@code [from, to)}. */
    boolean inRange(Instant instant) {
        if (instant == null) {
            return false;
        }
        return (from == null || !instant.isBefore(from)) && (to == null || instant.isBefore(to));
    }
}
