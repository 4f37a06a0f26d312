package dev.incidents.api.sla;

import dev.incidents.api.incident.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A version of a business calendar was saved. Its local times and zone are stored as entered. */
@Revision("1")
public record BusinessCalendarSaved(String calendarId, int version, BusinessCalendar calendar, Actor actor,
                                    Instant occurredAt) {

    public NamedCalendar named() {
        return new NamedCalendar(calendarId, version, calendar);
    }
}
