package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts the incident back into the assigned group's queue without a person, keeping the group. */
public record ReleaseAssignmentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String reason,
        Actor actor,
        Instant occurredAt) {
}
