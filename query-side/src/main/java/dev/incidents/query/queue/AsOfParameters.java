package dev.incidents.query.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import dev.incidents.api.incident.Values;
import dev.incidents.query.web.InstantParameters;
import dev.incidents.query.web.InvalidRequestValueException;

/**
 * The {@code asOf} and {@code timeAxis} query parameters of the role queue and service level queue endpoints.
 *
 * @param asOf the instant at which to read the queue, truncated to milliseconds as stored event times are
 */
public record AsOfParameters(Instant asOf, TimeAxis axis) {

    /**
     * Parses the parameters. Returns null when both are missing, which selects the live queue.
     *
     * @throws InvalidRequestValueException when {@code asOf} is not an ISO-8601 instant, lies after the current time
     *         of {@code clock}, or is missing while {@code timeAxis} is given, or when {@code timeAxis} is neither
     *         {@code business} nor {@code recorded}
     */
    public static AsOfParameters parse(String asOf, String timeAxis, Clock clock) {
        if (asOf == null) {
            if (timeAxis != null) {
                throw new InvalidRequestValueException("timeAxis", timeAxis, "timeAxis '" + Values.truncate(timeAxis)
                        + "' needs asOf: use asOf with an ISO-8601 instant such as 2024-03-01T08:00:00Z");
            }
            return null;
        }
        Instant instant = instant(asOf, clock);
        return new AsOfParameters(instant, axis(timeAxis));
    }

    private static Instant instant(String value, Clock clock) {
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestValueException("asOf", value, "invalid asOf '" + Values.truncate(value)
                    + "': not an ISO-8601 instant; use a UTC time such as 2024-03-01T08:00:00Z or one with an offset "
                    + "such as 2024-03-01T09:00:00+01:00");
        }
        InstantParameters.inRange("asOf", value, instant);
        Instant now = clock.instant();
        if (instant.isAfter(now)) {
            throw new InvalidRequestValueException("asOf", value, "invalid asOf " + instant
                    + ": it lies in the future (the server time is " + now + "); use an instant up to now, or omit "
                    + "asOf for the live queue");
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static TimeAxis axis(String value) {
        if (value == null) {
            return TimeAxis.BUSINESS;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "business" -> TimeAxis.BUSINESS;
            case "recorded" -> TimeAxis.RECORDED;
            default -> throw new InvalidRequestValueException("timeAxis", value, "invalid timeAxis '"
                    + Values.truncate(value) + "': use business (event time, the default) or recorded (time the "
                    + "event store recorded the event)");
        };
    }
}
