package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.Values;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.OpeningInterval;
import dev.incidents.api.sla.ServiceLevelTargets;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds calendars and targets from the text forms of the REST API and the service levels file. Every rejection is
 * an {@link IllegalArgumentException} whose message names the field, the value and the expected form.
 */
public final class ServiceLevelDefinitions {

    /** Minimum target, one second; a target is a whole number of seconds. */
    public static final Duration MIN_TARGET = Duration.ofSeconds(1);
    /**
     * Maximum target, 366 days of business time: beyond any real service level, and small enough for the
     * nanosecond arithmetic of the warning share.
     */
    public static final Duration MAX_TARGET = Duration.ofDays(366);

    private ServiceLevelDefinitions() {
    }

    /** Text of one priority's targets, ISO-8601 durations such as {@code PT4H}; supportGroupResponse may be null. */
    public record TargetTexts(String response, String resolution, String supportGroupResponse) {
    }

    /**
     * Creates a calendar from a zone id, opening hours by day name ({@code MONDAY} to {@code SUNDAY}) and ISO holiday
     * dates. Local times and the zone are kept as given, whatever the server's default zone.
     */
    public static BusinessCalendar calendar(String zone, Map<String, List<String>> openingHours,
                                            List<String> holidays) {
        if (zone == null || zone.isBlank()) {
            throw new IllegalArgumentException("zone is missing: give an IANA time zone id such as Europe/Warsaw");
        }
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        if (openingHours != null) {
            for (Map.Entry<String, List<String>> day : openingHours.entrySet()) {
                DayOfWeek dayOfWeek = dayOfWeek(day.getKey());
                hours.put(dayOfWeek, intervals(dayOfWeek, day.getValue()));
            }
        }
        List<String> dates = holidays == null ? List.of() : holidays;
        for (int index = 0; index < dates.size(); index++) {
            if (dates.get(index) == null) {
                throw new IllegalArgumentException("holidays[" + index + "] is null: give an ISO date such as"
                        + " 2025-12-25");
            }
        }
        try {
            return BusinessCalendar.of(zone, hours, dates);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("invalid calendar: " + e.getMessage());
        }
    }

    /** Creates the targets of every priority named in {@code texts}, keyed {@code P1} to {@code P5}. */
    public static Map<Priority, ServiceLevelTargets> targets(Map<String, TargetTexts> texts) {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        if (texts == null) {
            return targets;
        }
        for (Map.Entry<String, TargetTexts> entry : texts.entrySet()) {
            Priority priority = priority(entry.getKey());
            if (targets.containsKey(priority)) {
                throw new IllegalArgumentException("targets name " + key(priority) + " twice: give each priority once");
            }
            TargetTexts text = entry.getValue();
            String field = "targets." + entry.getKey();
            if (text == null) {
                throw new IllegalArgumentException(field + " is null: give response and resolution, such as"
                        + " {\"response\": \"PT15M\", \"resolution\": \"PT4H\"}");
            }
            Duration response = duration(field + ".response", text.response(), true);
            Duration resolution = duration(field + ".resolution", text.resolution(), true);
            Duration groupResponse = duration(field + ".supportGroupResponse", text.supportGroupResponse(), false);
            targets.put(priority, new ServiceLevelTargets(response, resolution, groupResponse));
        }
        return targets;
    }

    /** Returns the priority of a key {@code P1} to {@code P5}, or of its full name such as {@code P1_CRITICAL}. */
    public static Priority priority(String key) {
        for (Priority priority : Priority.values()) {
            if (key(priority).equals(key) || priority.name().equals(key)) {
                return priority;
            }
        }
        throw new IllegalArgumentException("unknown priority '" + Values.truncate(key) + "' in targets: use "
                + Arrays.stream(Priority.values()).map(ServiceLevelDefinitions::key).collect(Collectors.joining(", ")));
    }

    /** Returns the short key of a priority, such as {@code P1}. */
    public static String key(Priority priority) {
        return "P" + priority.number();
    }

    /** Returns the keys of the priorities that {@code targets} lacks, such as {@code [P4, P5]}. */
    public static List<String> missingPriorities(Map<Priority, ?> targets) {
        List<String> missing = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            if (targets == null || targets.get(priority) == null) {
                missing.add(key(priority));
            }
        }
        return missing;
    }

    private static Duration duration(String field, String text, boolean required) {
        if (text == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing: give an ISO-8601 duration such as PT4H");
            }
            return null;
        }
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + Values.truncate(text) + "' is not an ISO-8601"
                    + " duration: use a form such as PT15M, PT4H or P3D");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(field + " '" + Values.truncate(text) + "' is not positive: give a"
                    + " business time above zero, such as PT15M");
        }
        String problem = targetBoundsProblem(duration);
        if (problem != null) {
            throw new IllegalArgumentException(field + " '" + Values.truncate(text) + "' " + problem);
        }
        return duration;
    }

    /**
     * Describes why a positive target is out of bounds, or returns null when it is a whole number of seconds from
     * {@link #MIN_TARGET} to {@link #MAX_TARGET}.
     */
    public static String targetBoundsProblem(Duration target) {
        if (target.compareTo(MIN_TARGET) < 0 || target.getNano() != 0) {
            return "is not a whole number of seconds: give at least PT1S, such as PT15M";
        }
        if (target.compareTo(MAX_TARGET) > 0) {
            return "is longer than P366D, 366 days of business time: give a shorter target, such as P30D";
        }
        return null;
    }

    private static DayOfWeek dayOfWeek(String name) {
        try {
            return DayOfWeek.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("openingHours names '" + Values.truncate(name) + "', which is not a"
                    + " day of the week: use " + Arrays.stream(DayOfWeek.values()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }
    }

    private static List<OpeningInterval> intervals(DayOfWeek day, List<String> texts) {
        String field = "openingHours." + day.name();
        if (texts == null) {
            throw new IllegalArgumentException(field + " is null: give a list such as [\"09:00-17:00\"], or []"
                    + " for a closed day");
        }
        List<OpeningInterval> intervals = new ArrayList<>();
        for (String text : texts) {
            if (text == null) {
                throw new IllegalArgumentException(field + " contains null: give intervals such as 09:00-17:00");
            }
            try {
                intervals.add(OpeningInterval.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
            }
        }
        return intervals;
    }
}
