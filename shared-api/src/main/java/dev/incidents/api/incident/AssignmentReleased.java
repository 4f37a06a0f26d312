package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The assignee put the incident back into the group queue; the group keeps it. */
@Revision("1")
public record AssignmentReleased(
        IncidentId incidentId,
        SupportGroupId group,
        UserId previousAssignee,
        String reason,
        IncidentState previousState,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
