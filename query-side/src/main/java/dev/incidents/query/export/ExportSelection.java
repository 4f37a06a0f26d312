package dev.incidents.query.export;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Values;
import dev.incidents.query.web.InstantParameters;
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
 * The incidents an export covers, shared by the CSV and the XES export. A null filter selects every incident.
 *
 * @param from  earliest report time, inclusive
 * @param to    report time before which an incident was reported, exclusive
 * @param group the support group the incident is assigned to now
 * @param state the incident's state now
 */
record ExportSelection(Instant from, Instant to, SupportGroupId group, IncidentState state) {

    /**
     * Parses the request parameters {@code from}, {@code to}, {@code group} and {@code state}, each optional. An empty
     * parameter counts as missing.
     *
     * @throws InvalidRequestValueException for an invalid value or a period whose {@code to} is not after
     *                                      {@code from}
     */
    static ExportSelection parse(String from, String to, String group, String state) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidRequestValueException("to", to, "invalid period: to " + end + " is not after from "
                    + start + "; the period includes from and excludes to");
        }
        SupportGroupId groupId = group == null || group.isBlank() ? null : RequestValues.supportGroup("group", group);
        return new ExportSelection(start, end, groupId, state(state));
    }

    /** Parses an ISO-8601 instant, or a date meaning its start in UTC. */
    private static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        Instant instant;
        try {
            instant = text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestValueException(parameter, value, "invalid " + parameter + " '"
                    + Values.truncate(value) + "': use an ISO-8601 instant such as 2012-05-01T00:00:00Z or a date"
                    + " such as 2012-05-01 (start of the day in UTC)");
        }
        return InstantParameters.inRange(parameter, value, instant);
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
