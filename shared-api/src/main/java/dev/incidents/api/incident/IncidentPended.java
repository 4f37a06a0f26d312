package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Work was put on hold; the resolution clock stops. */
@Revision("1")
public record IncidentPended(
        IncidentId incidentId,
        PendingReason reason,
        String detail,
        Instant until,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
