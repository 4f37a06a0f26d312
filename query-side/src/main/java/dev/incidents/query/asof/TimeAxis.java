package dev.incidents.query.asof;

import java.util.Locale;

import dev.incidents.api.incident.Values;
import dev.incidents.query.web.InvalidRequestValueException;

/** Which time of an event decides whether it happened by an instant. */
public enum TimeAxis {
    /** The business time, the event's {@code occurredAt}: when the change happened. */
    BUSINESS,
    /** The recording time, the event message's timestamp: when the event store recorded the change. */
    RECORDED;

    /** Parses the {@code timeAxis} parameter, {@code business} or {@code recorded}; a missing value means BUSINESS. */
    public static TimeAxis parse(String value) {
        if (value == null) {
            return BUSINESS;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestValueException("timeAxis", value, "invalid timeAxis '" + Values.truncate(value)
                    + "': use business (the time a change happened) or recorded (the time it was recorded)");
        }
    }
}
