package dev.incidents.api.incident;

import dev.incidents.api.sla.ServiceLevelTerms;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * An incident was reported.
 *
 * @param serviceLevel policy and calendars the incident is judged by; null for events recorded before service
 *                     levels existed and when no policy was in effect at the report
 */
@Revision("1")
public record IncidentReported(
        IncidentId incidentId,
        String summary,
        String description,
        UserId requester,
        String category,
        Impact impact,
        Urgency urgency,
        Priority priority,
        SupportGroupId ownerGroup,
        ServiceLevelTerms serviceLevel,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {

    /** Creates the event without service level terms. */
    public IncidentReported(IncidentId incidentId, String summary, String description, UserId requester,
                            String category, Impact impact, Urgency urgency, Priority priority,
                            SupportGroupId ownerGroup, Actor actor, Instant occurredAt) {
        this(incidentId, summary, description, requester, category, impact, urgency, priority, ownerGroup, null,
                actor, occurredAt);
    }
}
