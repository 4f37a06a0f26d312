package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes back the closure of an incident, returning it to RESOLVED, where the policy allows changes after closure. */
public record RevokeClosureCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String reason,
        LifecyclePolicy policy,
        Actor actor,
        Instant occurredAt) {
}
