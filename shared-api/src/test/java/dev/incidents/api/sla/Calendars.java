package dev.incidents.api.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Calendars shared by the tests. */
final class Calendars {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private Calendars() {
    }

    /** Monday to Friday 09:00-17:00 in Europe/Amsterdam. */
    static BusinessCalendar officeHours(Collection<LocalDate> holidays) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.put(day, List.of(OpeningInterval.parse("09:00-17:00")));
        }
        return new BusinessCalendar(AMSTERDAM, hours, holidays);
    }

    /** Creates a calendar open Monday to Friday during {@code interval}, such as 09:00-17:00, in {@code zone}. */
    static BusinessCalendar weekdays(ZoneId zone, String interval) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                hours.put(day, List.of(OpeningInterval.parse(interval)));
            }
        }
        return new BusinessCalendar(zone, hours, List.of());
    }

    /** Creates a calendar open only on {@code day}, during {@code intervals}. */
    static BusinessCalendar openOn(ZoneId zone, DayOfWeek day, String... intervals) {
        List<OpeningInterval> parsed = Arrays.stream(intervals).map(OpeningInterval::parse).toList();
        return new BusinessCalendar(zone, Map.of(day, parsed), List.of());
    }
}
