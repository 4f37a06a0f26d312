package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hands end-to-end accountability for the incident to another support group. */
public record TransferOwnershipCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        SupportGroupId toGroup,
        String reason,
        Actor actor,
        Instant occurredAt) {
}
