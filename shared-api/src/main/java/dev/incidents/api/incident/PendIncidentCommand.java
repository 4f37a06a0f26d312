package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts work on hold while waiting for someone outside the support group. */
public record PendIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        PendingReason reason,
        String detail,
        Instant until,
        Actor actor,
        Instant occurredAt) {
}
