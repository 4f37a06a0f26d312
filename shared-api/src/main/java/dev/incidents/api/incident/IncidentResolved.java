package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The incident was resolved by {@code resolvedBy} of {@code resolvingGroup}. */
@Revision("1")
public record IncidentResolved(
        IncidentId incidentId,
        String resolutionCode,
        String note,
        String knowledgeArticle,
        SupportGroupId resolvingGroup,
        UserId resolvedBy,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
