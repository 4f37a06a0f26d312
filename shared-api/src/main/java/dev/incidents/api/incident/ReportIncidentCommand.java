package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reports a new incident, assigning it at once when a group is given. */
public record ReportIncidentCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String summary,
        String description,
        UserId requester,
        String category,
        Impact impact,
        Urgency urgency,
        SupportGroupId ownerGroup,
        SupportGroupId assignedGroup,
        UserId assignee,
        Actor actor,
        Instant occurredAt) {
}
