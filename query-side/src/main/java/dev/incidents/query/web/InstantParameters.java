package dev.incidents.query.web;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.incidents.api.incident.Values;

/** Parses query parameters that name an instant, raising {@link InvalidRequestValueException} for a bad value. */
public final class InstantParameters {

    /**
     * Earliest instant a parameter may name. MongoDB stores times as milliseconds since 1970 in a signed 64-bit
     * number, and Java's Instant reaches far beyond that, so an instant such as -999999999-01-01T00:00:00Z would fail
     * in the query instead of being refused. Four-digit years are ample for incident records.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** Latest instant a parameter may name, for the same reason as {@link #EARLIEST}. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private InstantParameters() {
    }

    /**
     * Returns the instant when it lies between {@link #EARLIEST} and {@link #LATEST}.
     *
     * @throws InvalidRequestValueException naming the parameter and the value otherwise
     */
    public static Instant inRange(String parameter, String value, Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw new InvalidRequestValueException(parameter, value, "invalid " + parameter + " '"
                    + Values.truncate(value) + "': it lies outside the years 0001 to 9999; use an instant with a "
                    + "four-digit year such as 2025-03-03T10:00:00Z");
        }
        return instant;
    }

    /** Parses an ISO-8601 instant such as {@code 2025-03-03T10:00:00Z}; a missing value returns null. */
    public static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestValueException(parameter, value, "invalid " + parameter + " '"
                    + Values.truncate(value) + "': not an ISO-8601 instant; use a UTC time such as "
                    + "2025-03-03T10:00:00Z");
        }
        return inRange(parameter, value, instant);
    }

    /**
     * Parses an instant that may not lie after the server time of {@code clock}, because nothing is known of the
     * future yet; a missing value returns null.
     */
    public static Instant pastInstant(String parameter, String value, Clock clock) {
        Instant instant = instant(parameter, value);
        Instant now = clock.instant();
        if (instant != null && instant.isAfter(now)) {
            throw new InvalidRequestValueException(parameter, value, "invalid " + parameter + " '"
                    + Values.truncate(value) + "': it is in the future (server time " + now + "); use an instant at "
                    + "or before the server time, or leave " + parameter + " out for the current state");
        }
        return instant;
    }
}
