package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopens a resolved incident, or a closed one where the policy allows it. */
public record ReopenIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String reason,
        LifecyclePolicy policy,
        Actor actor,
        Instant occurredAt) {
}
