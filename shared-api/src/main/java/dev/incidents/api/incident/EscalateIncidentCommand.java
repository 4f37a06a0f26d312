package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Escalates functionally to a higher-tier group, or hierarchically to management. */
public record EscalateIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        EscalationKind kind,
        SupportGroupId toGroup,
        String reason,
        Actor actor,
        Instant occurredAt) {
}
