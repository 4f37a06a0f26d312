package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Routes a new incident to a support group and, optionally, a person in it. */
public record AssignIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        SupportGroupId group,
        UserId assignee,
        Actor actor,
        Instant occurredAt) {
}
