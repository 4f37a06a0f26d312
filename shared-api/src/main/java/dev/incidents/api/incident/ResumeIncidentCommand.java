package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resumes work on a pending incident. */
public record ResumeIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        Actor actor,
        Instant occurredAt) {
}
