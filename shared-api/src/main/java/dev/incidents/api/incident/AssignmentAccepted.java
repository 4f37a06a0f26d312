package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A person took on the assigned incident. */
@Revision("1")
public record AssignmentAccepted(
        IncidentId incidentId,
        SupportGroupId group,
        UserId assignee,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
