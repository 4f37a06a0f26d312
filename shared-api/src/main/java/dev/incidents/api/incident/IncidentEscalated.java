package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The incident was escalated. A functional escalation also moves it to {@code toGroup}; a hierarchical one alerts
 * {@code toManager}, the manager of the assigned group, who is null where the organisation names none (imports).
 */
@Revision("1")
public record IncidentEscalated(
        IncidentId incidentId,
        EscalationKind kind,
        SupportGroupId fromGroup,
        SupportGroupId toGroup,
        UserId toManager,
        String reason,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {

    /** Creates an escalation that alerts no named manager, as imports and functional escalations record. */
    public IncidentEscalated(IncidentId incidentId, EscalationKind kind, SupportGroupId fromGroup,
                             SupportGroupId toGroup, String reason, Actor actor, Instant occurredAt) {
        this(incidentId, kind, fromGroup, toGroup, null, reason, actor, occurredAt);
    }
}
