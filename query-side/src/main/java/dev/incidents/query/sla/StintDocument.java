package dev.incidents.query.sla;

import java.time.Instant;

import dev.incidents.api.sla.StintOutcome;
import dev.incidents.api.sla.StintReading;

/** A stored {@link StintReading}, with business times in milliseconds. */
public record StintDocument(String group, String calendarId, int calendarVersion, Instant startedAt, Instant endedAt,
                            Long targetMillis, long elapsedMillis, Instant dueAt, Instant warningAt, Instant breachAt,
                            StintOutcome outcome) {

    static StintDocument of(StintReading stint) {
        return new StintDocument(stint.group(), stint.calendarId(), stint.calendarVersion(), stint.startedAt(),
                stint.endedAt(), stint.target() == null ? null : stint.target().toMillis(),
                stint.elapsed() == null ? 0 : stint.elapsed().toMillis(), stint.dueAt(), stint.warningAt(),
                stint.breachAt(), stint.outcome());
    }

    public boolean running() {
        return endedAt == null && outcome == null;
    }
}
