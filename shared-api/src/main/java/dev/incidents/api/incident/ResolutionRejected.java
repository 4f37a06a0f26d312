package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The proposed resolution was rejected; the incident is back in progress with its group. */
@Revision("1")
public record ResolutionRejected(
        IncidentId incidentId,
        String reason,
        SupportGroupId group,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
