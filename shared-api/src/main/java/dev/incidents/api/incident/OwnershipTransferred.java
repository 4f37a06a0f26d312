package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Accountability for the incident moved to another support group. */
@Revision("1")
public record OwnershipTransferred(
        IncidentId incidentId,
        SupportGroupId fromGroup,
        SupportGroupId toGroup,
        String reason,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
