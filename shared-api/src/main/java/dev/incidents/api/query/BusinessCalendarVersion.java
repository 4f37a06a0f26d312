package dev.incidents.api.query;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.OpeningInterval;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A saved version of a business calendar, as the query side projects it. The zone, opening hours and holidays are
 * the plain strings of the calendar's JSON form, so they read the same under any default time zone.
 *
 * @param zone         IANA time zone id, such as {@code Europe/Amsterdam}
 * @param openingHours opening intervals ({@code HH:mm-HH:mm}) per open day of the week
 * @param holidays     closed local dates as ISO dates, in ascending order
 */
public record BusinessCalendarVersion(String id, int version, String zone,
                                      Map<DayOfWeek, List<OpeningInterval>> openingHours, List<String> holidays,
                                      Actor savedBy, Instant savedAt) {

    public BusinessCalendarVersion {
        // An EnumMap keeps the days in week order in the JSON form.
        Map<DayOfWeek, List<OpeningInterval>> days = new EnumMap<>(DayOfWeek.class);
        if (openingHours != null) {
            openingHours.forEach((day, intervals) -> days.put(day, List.copyOf(intervals)));
        }
        openingHours = Collections.unmodifiableMap(days);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }

    /** Creates the version that {@code calendar} was saved as. */
    public static BusinessCalendarVersion of(NamedCalendar calendar, Actor savedBy, Instant savedAt) {
        BusinessCalendar hours = calendar.calendar();
        return new BusinessCalendarVersion(calendar.id(), calendar.version(), hours.zoneId(), hours.openingHours(),
                hours.holidayDates(), savedBy, savedAt);
    }

    /** Returns the calendar for counting business time. */
    public NamedCalendar toNamedCalendar() {
        return new NamedCalendar(id, version, BusinessCalendar.of(zone, openingHours, holidays));
    }
}
