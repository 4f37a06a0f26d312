package dev.incidents.api.sla;

import java.util.Objects;

/**
 * One saved version of a business calendar. Versions count up from 1 per calendar id; a saved version never
 * changes, so an incident judged by it keeps its figures when the calendar is saved again.
 */
public record NamedCalendar(String id, int version, BusinessCalendar calendar) {

    public NamedCalendar {
        Objects.requireNonNull(id, "calendar id is missing");
        if (id.isBlank()) {
            throw new IllegalArgumentException("invalid calendar id '" + id + "': it must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("invalid version " + version + " of calendar " + id
                    + ": versions start at 1");
        }
        Objects.requireNonNull(calendar, "opening hours of calendar " + id + " are missing");
    }
}
