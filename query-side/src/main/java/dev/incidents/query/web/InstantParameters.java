package dev.incidents.query.web;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.incidents.api.incident.Values;

/** Parses query parameters that name an instant, raising {@link InvalidRequestValueException} for a bad value. */
public final class InstantParameters {

    private InstantParameters() {
    }

    /** Parses an ISO-8601 instant such as {@code 2025-03-03T10:00:00Z}; a missing value returns null. */
    public static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestValueException(parameter, value, "invalid " + parameter + " '"
                    + Values.truncate(value) + "': not an ISO-8601 instant; use a UTC time such as "
                    + "2025-03-03T10:00:00Z");
        }
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
