package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A new incident was routed to a support group for the first time; not a reassignment. */
@Revision("1")
public record IncidentAssigned(
        IncidentId incidentId,
        SupportGroupId group,
        UserId assignee,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
