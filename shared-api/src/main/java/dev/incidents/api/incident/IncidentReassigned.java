package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The incident moved to another group or person; {@code reassignmentCount} is the count after this move. */
@Revision("1")
public record IncidentReassigned(
        IncidentId incidentId,
        SupportGroupId fromGroup,
        UserId fromAssignee,
        SupportGroupId toGroup,
        UserId toAssignee,
        String reason,
        IncidentState previousState,
        int reassignmentCount,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
