package dev.incidents.query.web;

import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.Values;
import dev.incidents.api.query.FetchQueuePageQuery;

import java.util.regex.Pattern;

/**
 * Parses path variables and query parameters into typed values, raising {@link InvalidRequestValueException} with the
 * parameter name, the value and what is allowed.
 */
public final class RequestValues {

    private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]+");

    private RequestValues() {
    }

    public static IncidentId incidentId(String parameter, String value) {
        try {
            return new IncidentId(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestValueException(parameter, value, e.getMessage());
        }
    }

    public static SupportGroupId supportGroup(String parameter, String value) {
        try {
            return new SupportGroupId(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestValueException(parameter, value, e.getMessage());
        }
    }

    public static UserId user(String parameter, String value) {
        try {
            return new UserId(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestValueException(parameter, value, e.getMessage());
        }
    }

    /** Parses the 0-based {@code page} parameter, where a missing value means the first page. */
    public static int page(String value) {
        return integerInRange("page", value, 0, 0, Integer.MAX_VALUE);
    }

    /** Parses the {@code size} parameter, where a missing value means {@link FetchQueuePageQuery#DEFAULT_SIZE}. */
    public static int size(String value) {
        return integerInRange("size", value, FetchQueuePageQuery.DEFAULT_SIZE, 1, FetchQueuePageQuery.MAX_SIZE);
    }

    /**
     * Returns the value without surrounding whitespace if it is an optional minus and ASCII digits. Java's integer
     * parsing also takes a plus sign and the digits of other scripts, such as a full-width 1, which no client means.
     */
    public static String asciiInteger(String value) {
        String stripped = value.strip();
        if (!ASCII_INTEGER.matcher(stripped).matches()) {
            throw new NumberFormatException("not an integer: " + value);
        }
        return stripped;
    }

    private static int integerInRange(String parameter, String value, int defaultValue, int minimum, int maximum) {
        if (value == null) {
            return defaultValue;
        }
        String allowed = "use an integer from " + minimum + " to " + maximum;
        int parsed;
        try {
            parsed = Integer.parseInt(asciiInteger(value));
        } catch (NumberFormatException e) {
            throw new InvalidRequestValueException(parameter, value,
                    "invalid " + parameter + " '" + Values.truncate(value) + "': not an integer, " + allowed)
                    .withAllowedRange(minimum, maximum);
        }
        if (parsed < minimum || parsed > maximum) {
            throw new InvalidRequestValueException(parameter, value,
                    "invalid " + parameter + " " + parsed + ": out of range, " + allowed)
                    .withAllowedRange(minimum, maximum);
        }
        return parsed;
    }
}
