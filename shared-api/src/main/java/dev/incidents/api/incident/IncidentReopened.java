package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A resolved or closed incident was reopened; {@code reopenCount} is the count after this reopen. */
@Revision("1")
public record IncidentReopened(
        IncidentId incidentId,
        String reason,
        SupportGroupId group,
        IncidentState previousState,
        int reopenCount,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
