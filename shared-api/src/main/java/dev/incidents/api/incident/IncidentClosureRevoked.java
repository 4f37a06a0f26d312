package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A closure was taken back; the incident is RESOLVED again, not reopened. */
@Revision("1")
public record IncidentClosureRevoked(
        IncidentId incidentId,
        String reason,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
