package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** An open incident was cancelled. */
@Revision("1")
public record IncidentCancelled(
        IncidentId incidentId,
        CancelReason reason,
        String detail,
        IncidentState previousState,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
