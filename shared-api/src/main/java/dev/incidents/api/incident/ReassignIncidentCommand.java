package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves the incident to another support group or person. */
public record ReassignIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        SupportGroupId group,
        UserId assignee,
        String reason,
        LifecyclePolicy policy,
        Actor actor,
        Instant occurredAt) {
}
