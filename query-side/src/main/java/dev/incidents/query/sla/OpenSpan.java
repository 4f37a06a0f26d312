package dev.incidents.query.sla;

import java.time.Instant;

/**
 * A time during which an incident was open: from its report, reopen or rejected resolution until it was resolved or
 * cancelled.
 *
 * @param to end of the span, exclusive; null while the incident is still open
 */
public record OpenSpan(Instant from, Instant to) {

    /** Returns true when the incident was open at {@code instant}. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && (to == null || instant.isBefore(to));
    }
}
