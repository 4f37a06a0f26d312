package dev.incidents.api.query;

import java.time.Instant;

import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;

/**
 * Current state of one incident as projected from its events. Timestamps have millisecond precision because
 * MongoDB stores dates in milliseconds.
 *
 * @param resolvedAt business time of the latest resolution, null while the incident is not resolved or closed
 * @param closedAt business time of the closure, null unless the incident is closed
 * @param firstContactResolution whether the first resolution came from the owner group (usually the service desk)
 *                               before the incident was ever assigned to another group, and was not reopened; null
 *                               until the first resolution
 * @param lastSequence aggregate sequence number of the last event applied to this summary
 * @param version the incident aggregate's version, which Axon defines as the sequence number of its last event
 */
public record IncidentSummary(
        IncidentId incidentId,
        IncidentState state,
        String summary,
        UserId requester,
        String category,
        Impact impact,
        Urgency urgency,
        Priority priority,
        SupportGroupId ownerGroup,
        SupportGroupId assignedGroup,
        UserId assignee,
        int reassignmentCount,
        int reopenCount,
        Instant reportedAt,
        Instant lastOccurredAt,
        Instant resolvedAt,
        Instant closedAt,
        Boolean firstContactResolution,
        long lastSequence,
        long version) {
}
