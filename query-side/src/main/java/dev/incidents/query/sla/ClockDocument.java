package dev.incidents.query.sla;

import java.time.Instant;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ClockOutcome;
import dev.incidents.api.sla.ClockReading;
import dev.incidents.api.sla.ClockStatus;

/** A stored {@link ClockReading}, with business times in milliseconds. */
public record ClockDocument(ClockStatus status, Priority priority, Long targetMillis, long elapsedMillis,
                            long remainingMillis, Instant dueAt, Instant warningAt, Instant breachAt,
                            ClockOutcome outcome) {

    static ClockDocument of(ClockReading reading) {
        return new ClockDocument(reading.status(), reading.priority(),
                reading.target() == null ? null : reading.target().toMillis(),
                reading.elapsed().toMillis(), reading.remaining().toMillis(), reading.dueAt(), reading.warningAt(),
                reading.breachAt(), reading.outcome());
    }

    /** Returns true when the clock stopped with an outcome, so it counts in compliance figures. */
    public boolean decided() {
        return status == ClockStatus.STOPPED && outcome != null;
    }
}
