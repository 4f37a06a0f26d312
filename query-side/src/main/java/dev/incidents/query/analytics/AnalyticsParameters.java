package dev.incidents.query.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.Values;
import dev.incidents.query.web.InstantParameters;
import dev.incidents.query.web.InvalidRequestValueException;
import dev.incidents.query.web.RequestValues;

/** Parses the query parameters of {@code GET /api/analytics/{metric}}, raising a 400 that names the parameter. */
final class AnalyticsParameters {

    private AnalyticsParameters() {
    }

    /**
     * Builds the filter from {@code from}, {@code to}, {@code group}, {@code priority} and {@code category}.
     *
     * @throws InvalidRequestValueException for a value that cannot be parsed, and for {@code to} not after
     *                                      {@code from}
     */
    static AnalyticsFilter filter(String from, String to, String group, String priority, String category) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw new InvalidRequestValueException("to", to, "invalid to '" + Values.truncate(to) + "': it must be "
                    + "after from (" + start + ") because the range includes from and excludes to");
        }
        String groupId = group == null ? null : RequestValues.supportGroup("group", group).value();
        return new AnalyticsFilter(start, end, groupId, priority(priority), category(category));
    }

    /**
     * Parses an ISO date, which means the start of that day in UTC, or an ISO instant; null stays null.
     *
     * @throws InvalidRequestValueException when the value is neither
     */
    static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return InstantParameters.inRange(parameter, value, Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestValueException(parameter, value, "invalid " + parameter + " '"
                    + Values.truncate(value) + "': use an ISO date such as 2025-03-01 (the start of that day in UTC) "
                    + "or an instant such as 2025-03-01T09:30:00Z");
        }
    }

    /** Parses a priority by its full name ({@code P3_MODERATE}) or its short form ({@code P3}), in any case. */
    static Priority priority(String value) {
        if (value == null) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        for (Priority priority : Priority.values()) {
            if (priority.name().equals(upper) || priority.name().startsWith(upper + "_")) {
                return priority;
            }
        }
        throw new InvalidRequestValueException("priority", value, "invalid priority '" + Values.truncate(value)
                + "': use one of " + Arrays.stream(Priority.values()).map(Priority::name)
                .collect(Collectors.joining(", ")) + ", or P1 to P5");
    }

    private static String category(String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new InvalidRequestValueException("category", value,
                    "invalid category '" + value + "': use a category name such as network, or leave the parameter out");
        }
        return value;
    }
}
