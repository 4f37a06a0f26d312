package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hands the incident back to the owner group, for example when it was routed to the wrong group. */
public record ReturnToServiceDeskCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String reason,
        Actor actor,
        Instant occurredAt) {
}
