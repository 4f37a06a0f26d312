package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** An incident was reported. */
@Revision("1")
public record IncidentReported(
        IncidentId incidentId,
        String summary,
        String description,
        UserId requester,
        String category,
        Impact impact,
        Urgency urgency,
        Priority priority,
        SupportGroupId ownerGroup,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
