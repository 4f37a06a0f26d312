package dev.incidents.benchmark.jmh;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.OpeningInterval;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.api.sla.ServiceLevelTerms;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Calendars and the service level policy that the benchmarks count with. */
final class ServiceLevelSamples {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /**
     * The holidays of the office-hours calendar in 2025: New Year, Good Friday, Easter Monday, King's Day,
     * Liberation Day, Ascension Day, Whit Monday and the two Christmas days.
     */
    static final List<LocalDate> HOLIDAYS_2025 = List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 18),
            LocalDate.of(2025, 4, 21), LocalDate.of(2025, 4, 26), LocalDate.of(2025, 5, 5), LocalDate.of(2025, 5, 29),
            LocalDate.of(2025, 6, 9), LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26));

    private ServiceLevelSamples() {
    }

    /** Returns the calendar of config/service-levels.yml: open all day, every day, in zone UTC, without holidays. */
    static BusinessCalendar twentyFourSeven() {
        return BusinessCalendar.alwaysOpen(ZoneId.of("UTC"));
    }

    /** Returns a calendar open Monday to Friday 09:00-12:30 and 13:00-17:30 in Europe/Amsterdam, with the holidays. */
    static BusinessCalendar officeHours() {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                hours.put(day, List.of(OpeningInterval.parse("09:00-12:30"), OpeningInterval.parse("13:00-17:30")));
            }
        }
        return new BusinessCalendar(AMSTERDAM, hours, HOLIDAYS_2025);
    }

    /** Returns a calendar by its benchmark parameter value, {@code 24x7} or {@code office-hours}. */
    static BusinessCalendar calendar(String name) {
        return switch (name) {
            case "24x7" -> twentyFourSeven();
            case "office-hours" -> officeHours();
            default -> throw new IllegalArgumentException("unknown calendar '" + name
                    + "': use 24x7 or office-hours");
        };
    }

    /** Returns version 1 of the policy "standard", with the targets and threshold of config/service-levels.yml. */
    static ServiceLevelPolicy standardPolicy() {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.P1_CRITICAL, new ServiceLevelTargets(Duration.ofMinutes(15), Duration.ofHours(4)));
        targets.put(Priority.P2_HIGH, new ServiceLevelTargets(Duration.ofMinutes(30), Duration.ofHours(8)));
        targets.put(Priority.P3_MODERATE, new ServiceLevelTargets(Duration.ofHours(1), Duration.ofHours(24)));
        targets.put(Priority.P4_LOW, new ServiceLevelTargets(Duration.ofHours(4), Duration.ofHours(72)));
        targets.put(Priority.P5_PLANNING, new ServiceLevelTargets(Duration.ofHours(8), Duration.ofHours(120)));
        return new ServiceLevelPolicy("standard", 1, Instant.EPOCH, targets, 0.75);
    }

    /** Returns the terms a report records under the shipped configuration: the standard policy on the 24x7 calendar. */
    static ServiceLevelTerms standardTerms() {
        return terms("24x7");
    }

    /** Returns the standard policy with {@code calendarName} as the customer calendar and no group calendars. */
    static ServiceLevelTerms terms(String calendarName) {
        return new ServiceLevelTerms(standardPolicy(), new NamedCalendar(calendarName, 1, calendar(calendarName)),
                Map.of());
    }
}
