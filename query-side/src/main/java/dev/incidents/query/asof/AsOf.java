package dev.incidents.query.asof;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.incidents.api.incident.Values;
import dev.incidents.query.web.InstantParameters;
import dev.incidents.query.web.InvalidRequestValueException;

/**
 * An instant on one of the two time axes, at which an incident is read as it was.
 *
 * <p>The events up to the instant are always a prefix of the incident's stream, so they fold to a state the incident
 * really had. On the recording axis the event store records an incident's events in stream order. On the business
 * axis an event whose {@code occurredAt} is earlier than an event before it, as imported logs can contain, counts at
 * that earlier event's time, as the service level clocks count it too.
 */
public record AsOf(Instant instant, TimeAxis axis) {

    public AsOf {
        Objects.requireNonNull(instant, "instant is missing");
        Objects.requireNonNull(axis, "time axis is missing");
    }

    /**
     * Parses the {@code asOf} and {@code timeAxis} parameters; returns null without either, which requests the
     * current state.
     *
     * @throws InvalidRequestValueException for a malformed or future instant, an unknown axis, or a {@code timeAxis}
     *                                      without {@code asOf}, which would otherwise be ignored
     */
    public static AsOf parse(String asOf, String timeAxis, Clock clock) {
        if (asOf == null && timeAxis != null) {
            throw new InvalidRequestValueException("timeAxis", timeAxis, "timeAxis '" + Values.truncate(timeAxis)
                    + "' needs asOf: use asOf with an ISO-8601 instant such as 2024-03-01T08:00:00Z, or leave"
                    + " timeAxis out for the current state");
        }
        TimeAxis axis = TimeAxis.parse(timeAxis);
        Instant instant = InstantParameters.pastInstant("asOf", asOf, clock);
        return instant == null ? null : new AsOf(instant, axis);
    }

    /** Returns the events of the stream that had happened by the instant, in stream order. */
    public List<StoredIncidentEvent> prefix(List<StoredIncidentEvent> events) {
        List<StoredIncidentEvent> prefix = new ArrayList<>();
        Instant businessTime = null;
        for (StoredIncidentEvent stored : events) {
            Instant time;
            if (axis == TimeAxis.RECORDED) {
                time = stored.recordedAt();
            } else {
                Instant occurredAt = stored.event().occurredAt();
                businessTime = businessTime == null || occurredAt.isAfter(businessTime) ? occurredAt : businessTime;
                time = businessTime;
            }
            if (time.isAfter(instant)) {
                break;
            }
            prefix.add(stored);
        }
        return prefix;
    }
}
