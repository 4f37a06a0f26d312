package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A resolved incident was closed. */
@Revision("1")
public record IncidentClosed(
        IncidentId incidentId,
        Integer satisfaction,
        String comment,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
