package dev.incidents.api.sla;

import dev.incidents.api.incident.Priority;

import java.time.Duration;
import java.time.Instant;

/**
 * Figures of one service level clock at one instant.
 *
 * @param priority  priority whose target applies; null only before the incident was reported
 * @param target    business time allowed for {@code priority}
 * @param elapsed   business time counted so far, excluding pauses and time spent resolved or closed
 * @param remaining business time left until the target, zero once it is reached
 * @param dueAt     instant at which the clock reaches its target if it keeps running; null unless RUNNING. For a
 *                  breached clock it is the instant of the breach, or of the priority change that caused it
 * @param warningAt instant at which elapsed time reached the warning threshold of the target; null if not yet
 * @param breachAt  instant at which elapsed time reached the target; null if not yet
 * @param outcome   MET or BREACHED once STOPPED; null while the clock can still count and after a cancellation
 */
public record ClockReading(ClockStatus status, Priority priority, Duration target, Duration elapsed,
                           Duration remaining, Instant dueAt, Instant warningAt, Instant breachAt,
                           ClockOutcome outcome) {

    /** Returns true once the elapsed time has reached the warning threshold, even if the clock is now stopped. */
    public boolean warning() {
        return warningAt != null;
    }

    public boolean breached() {
        return breachAt != null;
    }

    /** Returns true when the clock stopped within its target. */
    public boolean met() {
        return outcome == ClockOutcome.MET;
    }
}
