package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the resolution of the incident. */
public record ResolveIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String resolutionCode,
        String note,
        String knowledgeArticle,
        Actor actor,
        Instant occurredAt) {
}
