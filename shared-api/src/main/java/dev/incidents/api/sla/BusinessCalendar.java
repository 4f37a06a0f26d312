package dev.incidents.api.sla;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.incidents.api.incident.Values;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Opening hours of a service in one time zone, used to count service level time only while the service is open.
 *
 * <p>The calendar is open during its weekly {@link OpeningInterval}s, which are half-open local wall-clock
 * intervals {@code [start, end)} per day of the week, and closed all day on each holiday (a local date). Days
 * without intervals are closed. Intervals of one day must not overlap but may touch, so {@code 09:00-12:00} and
 * {@code 12:00-17:00} count as one opening from 09:00 until 17:00.
 *
 * <p>All arithmetic runs on real instants. Each boundary of an interval on a local date becomes the first instant
 * at which the zone's wall clock shows that date and time or later:
 * <ul>
 *     <li>A boundary that falls in a daylight-saving gap becomes the instant of the transition, so on the
 *     spring-forward day 00:00-24:00 is 23 hours long in Europe/Amsterdam.</li>
 *     <li>A boundary that falls in an overlap becomes its first occurrence (the offset before the transition),
 *     so on the fall-back day 00:00-24:00 is 25 hours long. An interval that lies wholly inside the overlap
 *     counts only its first occurrence.</li>
 *     <li>Where local midnight does not exist (zones that change at midnight, such as America/Sao_Paulo on
 *     2018-11-04), the day starts at the transition and the previous day ends there.</li>
 * </ul>
 * An interval that contains a gap or an overlap therefore counts the time that really elapses.
 *
 * <p>The JSON form is
 * {@code {"zone":"Europe/Amsterdam","openingHours":{"MONDAY":["09:00-17:00"]},"holidays":["2025-12-25"]}}:
 * plain strings that need no Jackson date module and do not depend on the JVM's default time zone.
 */
public final class BusinessCalendar {

    /** Years after the start within which {@link #addBusinessTime} must find the end, so it cannot loop forever. */
    public static final int SEARCH_YEARS = 10;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<OpeningInterval>> openingHours;
    private final SortedSet<LocalDate> holidays;

    /**
     * Creates a calendar. Days missing from {@code openingHours} or mapped to an empty list are closed.
     *
     * @throws IllegalArgumentException when intervals of one day overlap
     * @throws NullPointerException     when an argument, a day, an interval or a holiday is null
     */
    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<OpeningInterval>> openingHours,
                            Collection<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "time zone of the calendar is missing");
        this.rules = zone.getRules();
        this.openingHours = copyOpeningHours(Objects.requireNonNull(openingHours, "opening hours are missing"));
        this.holidays = copyHolidays(Objects.requireNonNull(holidays, "holidays are missing"));
    }

    /** Creates a calendar from the strings of its JSON form, which the class documentation describes. */
    @JsonCreator
    public static BusinessCalendar of(@JsonProperty("zone") String zoneId,
                                      @JsonProperty("openingHours") Map<DayOfWeek, List<OpeningInterval>> openingHours,
                                      @JsonProperty("holidays") Collection<String> holidays) {
        List<LocalDate> dates = new ArrayList<>();
        for (String holiday : holidays == null ? List.<String>of() : holidays) {
            dates.add(parseHoliday(holiday));
        }
        return new BusinessCalendar(parseZone(zoneId), openingHours == null ? Map.of() : openingHours, dates);
    }

    /** Creates a calendar open 00:00-24:00 every day, without holidays. */
    public static BusinessCalendar alwaysOpen(ZoneId zone) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(OpeningInterval.wholeDay()));
        }
        return new BusinessCalendar(zone, hours, List.of());
    }

    public ZoneId zone() {
        return zone;
    }

    /** Time zone id in the JSON form, for example {@code Europe/Amsterdam}. */
    @JsonProperty("zone")
    public String zoneId() {
        return zone.getId();
    }

    /** Opening intervals per open day, each list sorted by start. Closed days are absent. */
    @JsonProperty("openingHours")
    public Map<DayOfWeek, List<OpeningInterval>> openingHours() {
        return openingHours;
    }

    public SortedSet<LocalDate> holidays() {
        return holidays;
    }

    /** Holidays in the JSON form, as ISO dates ({@code 2025-12-25}) in ascending order. */
    @JsonProperty("holidays")
    public List<String> holidayDates() {
        return holidays.stream().map(LocalDate::toString).toList();
    }

    /**
     * Returns the open time between {@code from} (inclusive) and {@code to} (exclusive): zero when they are equal
     * or when the calendar is closed all that time.
     *
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     */
    public Duration businessTimeBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "start instant is missing");
        Objects.requireNonNull(to, "end instant is missing");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("invalid range from " + from + " to " + to
                    + ": the start is after the end; pass the earlier instant first");
        }

        Duration total = Duration.ZERO;
        // Windows of earlier dates end no later than the first instant whose wall clock shows the start's date,
        // so counting can begin at that date.
        for (LocalDate day = localDate(from); startOfDay(day).isBefore(to); day = day.plusDays(1)) {
            for (OpenWindow window : openWindows(day)) {
                Instant start = later(window.start(), from);
                Instant end = earlier(window.end(), to);
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * Returns the earliest instant at which {@code amount} of open time has passed after {@code start}. When
     * {@code start} is outside the opening hours, counting begins at the next opening. A zero amount returns
     * {@code start}. The result {@code end} always satisfies {@code businessTimeBetween(start, end) == amount}.
     *
     * @throws IllegalArgumentException when {@code amount} is negative
     * @throws IllegalStateException    when the calendar has no opening interval on any day, or when the amount
     *                                  is not reached within {@value #SEARCH_YEARS} years after {@code start}
     */
    public Instant addBusinessTime(Instant start, Duration amount) {
        Objects.requireNonNull(start, "start instant is missing");
        Objects.requireNonNull(amount, "amount of business time is missing");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("invalid amount of business time " + amount
                    + ": it must not be negative");
        }
        if (amount.isZero()) {
            return start;
        }
        if (openingHours.isEmpty()) {
            throw new IllegalStateException("cannot add " + amount + " of business time in zone " + zone.getId()
                    + ": the calendar has no opening interval on any day of the week; add opening hours");
        }

        Duration remaining = amount;
        LocalDate firstDay = localDate(start);
        LocalDate lastDay = firstDay.plusYears(SEARCH_YEARS);
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            for (OpenWindow window : openWindows(day)) {
                Instant from = later(window.start(), start);
                if (!from.isBefore(window.end())) {
                    continue;
                }

                Duration available = Duration.between(from, window.end());
                if (available.compareTo(remaining) >= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("cannot add " + amount + " of business time to " + start + ": only "
                + amount.minus(remaining) + " of opening hours lie within " + SEARCH_YEARS
                + " years after it; check the holidays and opening hours of the calendar");
    }

    /** Open instants of one local date, in order; empty on holidays and closed days. */
    private List<OpenWindow> openWindows(LocalDate day) {
        List<OpeningInterval> intervals = openingHours.get(day.getDayOfWeek());
        if (intervals == null || holidays.contains(day)) {
            return List.of();
        }

        List<OpenWindow> windows = new ArrayList<>(intervals.size());
        for (OpeningInterval interval : intervals) {
            Instant start = instantAt(day, interval.startMinute());
            Instant end = instantAt(day, interval.endMinute());
            // An interval lying wholly inside a gap has no real time.
            if (start.isBefore(end)) {
                windows.add(new OpenWindow(start, end));
            }
        }
        return windows;
    }

    private Instant startOfDay(LocalDate day) {
        return instantAt(day, 0);
    }

    /** Returns the first instant at which the wall clock shows {@code minuteOfDay} on {@code day} or later. */
    private Instant instantAt(LocalDate day, int minuteOfDay) {
        LocalDateTime wallTime = day.atStartOfDay().plusMinutes(minuteOfDay);
        ZoneOffsetTransition transition = rules.getTransition(wallTime);
        if (transition == null) {
            return wallTime.toInstant(rules.getOffset(wallTime));
        }
        if (transition.isGap()) {
            return transition.getInstant();
        }
        return wallTime.toInstant(transition.getOffsetBefore());
    }

    private LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Map<DayOfWeek, List<OpeningInterval>> copyOpeningHours(
            Map<DayOfWeek, List<OpeningInterval>> openingHours) {
        Map<DayOfWeek, List<OpeningInterval>> copy = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<DayOfWeek, List<OpeningInterval>> entry : openingHours.entrySet()) {
            DayOfWeek day = Objects.requireNonNull(entry.getKey(), "day of week in opening hours is missing");
            List<OpeningInterval> intervals = new ArrayList<>(
                    Objects.requireNonNull(entry.getValue(), "opening intervals of " + day + " are missing"));
            for (OpeningInterval interval : intervals) {
                Objects.requireNonNull(interval, "an opening interval of " + day + " is missing");
            }
            intervals.sort(Comparator.comparingInt(OpeningInterval::startMinute));

            for (int i = 1; i < intervals.size(); i++) {
                OpeningInterval previous = intervals.get(i - 1);
                OpeningInterval current = intervals.get(i);
                if (previous.overlaps(current)) {
                    throw new IllegalArgumentException("opening intervals " + previous + " and " + current + " on "
                            + day + " overlap; intervals of one day may touch but must not overlap");
                }
            }
            if (!intervals.isEmpty()) {
                copy.put(day, List.copyOf(intervals));
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static SortedSet<LocalDate> copyHolidays(Collection<LocalDate> holidays) {
        SortedSet<LocalDate> copy = new TreeSet<>();
        for (LocalDate holiday : holidays) {
            copy.add(Objects.requireNonNull(holiday, "a holiday date is missing"));
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    private static ZoneId parseZone(String zoneId) {
        Objects.requireNonNull(zoneId, "time zone id of the calendar is missing");
        try {
            return ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone id '" + Values.truncate(zoneId)
                    + "': use a region id from the IANA time zone database, such as Europe/Amsterdam", e);
        }
    }

    private static LocalDate parseHoliday(String holiday) {
        Objects.requireNonNull(holiday, "a holiday date is missing");
        try {
            return LocalDate.parse(holiday);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid holiday date '" + Values.truncate(holiday)
                    + "': use an ISO date such as 2025-12-25", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessCalendar calendar
                && zone.equals(calendar.zone)
                && openingHours.equals(calendar.openingHours)
                && holidays.equals(calendar.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, openingHours, holidays);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[zone=" + zone.getId() + ", openingHours=" + openingHours
                + ", holidays=" + holidays + "]";
    }

    /** Real time span {@code [start, end)} during which the calendar is open. */
    private record OpenWindow(Instant start, Instant end) {
    }
}
