package dev.incidents.api.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * Figures of one support group's stint: from the assignment to {@code group} until it accepted, handed the
 * incident on, or resolved it, counted on the group's calendar.
 *
 * @param calendarId id of the group's calendar; null, with {@code calendarVersion} 0, when the clock was
 *                   built from a policy and one calendar instead of service level terms
 * @param endedAt    instant the stint ended; null while it runs
 * @param dueAt      instant the target is reached if the stint keeps running; null once it ended
 * @param warningAt  instant elapsed time reached the warning threshold; null if not yet
 * @param breachAt   instant elapsed time reached the target; null if not yet. A stint handed on after its
 *                   target keeps this instant although its outcome is HANDED_ON
 * @param outcome    null while the stint runs and after a cancellation
 */
public record StintReading(String group, String calendarId, int calendarVersion, Instant startedAt,
                           Instant endedAt, Duration target, Duration elapsed, Instant dueAt, Instant warningAt,
                           Instant breachAt, StintOutcome outcome) {
}
