package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes on the assigned incident; work starts. */
public record AcceptAssignmentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        UserId assignee,
        Actor actor,
        Instant occurredAt) {
}
