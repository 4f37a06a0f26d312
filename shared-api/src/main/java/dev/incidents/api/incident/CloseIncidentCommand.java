package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes a resolved incident, optionally with the requester's satisfaction rating (1 to 5). */
public record CloseIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        Integer satisfaction,
        String comment,
        Actor actor,
        Instant occurredAt) {
}
