package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels an open incident as a duplicate of {@code originalId}, which stays open and keeps the work. */
public record MarkAsDuplicateCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        IncidentId originalId,
        String reason,
        Actor actor,
        Instant occurredAt) {
}
