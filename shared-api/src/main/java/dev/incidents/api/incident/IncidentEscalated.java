package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The incident was escalated; a functional escalation also moves it to {@code toGroup}. */
@Revision("1")
public record IncidentEscalated(
        IncidentId incidentId,
        EscalationKind kind,
        SupportGroupId fromGroup,
        SupportGroupId toGroup,
        String reason,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
