package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Work resumed after a pending period. */
@Revision("1")
public record IncidentResumed(
        IncidentId incidentId,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
