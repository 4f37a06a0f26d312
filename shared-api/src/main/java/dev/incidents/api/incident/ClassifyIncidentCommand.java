package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets or changes the category, impact and urgency; the priority follows from impact and urgency. */
public record ClassifyIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String category,
        Impact impact,
        Urgency urgency,
        Actor actor,
        Instant occurredAt) {
}
