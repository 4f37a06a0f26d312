package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Category, impact or urgency changed; the previous values are kept for the audit trail. */
@Revision("1")
public record IncidentClassified(
        IncidentId incidentId,
        String category,
        Impact impact,
        Urgency urgency,
        Priority priority,
        String previousCategory,
        Impact previousImpact,
        Urgency previousUrgency,
        Priority previousPriority,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
