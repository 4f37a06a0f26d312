package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels an open incident that needs no resolution. */
public record CancelIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        CancelReason reason,
        String detail,
        Actor actor,
        Instant occurredAt) {
}
