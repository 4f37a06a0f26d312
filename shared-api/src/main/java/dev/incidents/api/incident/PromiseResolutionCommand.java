package dev.incidents.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records a resolution time promised to the requester. It replaces an earlier promise. */
public record PromiseResolutionCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        Instant promisedFor,
        Actor actor,
        Instant occurredAt) {
}
