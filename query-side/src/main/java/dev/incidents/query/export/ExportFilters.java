package dev.incidents.query.export;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Values;
import dev.incidents.query.web.InvalidRequestValueException;
import dev.incidents.query.web.RequestValues;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Filters that select the incidents of an export, each optional.
 *
 * @param from  first report time included (inclusive)
 * @param to    report time at which the period ends (exclusive)
 * @param group the incident's current assigned group
 * @param state the incident's current state
 */
record ExportFilters(Instant from, Instant to, String group, IncidentState state) {

    /** Parses the request parameters, raising {@link InvalidRequestValueException} for an invalid one. */
    static ExportFilters parse(String from, String to, String group, String state) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidRequestValueException("to", to, "invalid period: to " + end + " is not after from "
                    + start + "; the period includes from and excludes to");
        }
        String groupName = group == null || group.isBlank() ? null : RequestValues.supportGroup("group", group).value();
        return new ExportFilters(start, end, groupName, state(state));
    }

    /** Returns true when an incident reported at {@code reportedAt} lies in the period. */
    boolean inPeriod(Instant reportedAt) {
        boolean afterFrom = from == null || !reportedAt.isBefore(from);
        boolean beforeTo = to == null || reportedAt.isBefore(to);
        return afterFrom && beforeTo;
    }

    /** Parses an ISO-8601 instant, or a date meaning its start in UTC, as the CSV export does. */
    private static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestValueException(parameter, value, "invalid " + parameter + " '"
                    + Values.truncate(value) + "': use an ISO-8601 instant such as 2012-05-01T00:00:00Z or a date"
                    + " such as 2012-05-01 (start of the day in UTC)");
        }
    }

    private static IncidentState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IncidentState.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(IncidentState.values()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidRequestValueException("state", value, "invalid state '" + Values.truncate(value)
                    + "': use one of " + allowed);
        }
    }
}
