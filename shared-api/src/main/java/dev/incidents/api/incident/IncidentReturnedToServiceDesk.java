package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The assigned group handed the incident back to the owner group; counts as a reassignment. */
@Revision("1")
public record IncidentReturnedToServiceDesk(
        IncidentId incidentId,
        SupportGroupId fromGroup,
        UserId fromAssignee,
        SupportGroupId toGroup,
        String reason,
        int reassignmentCount,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
