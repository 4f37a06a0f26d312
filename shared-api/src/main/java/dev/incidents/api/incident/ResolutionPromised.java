package dev.incidents.api.incident;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A person promised the requester a resolution by {@code promisedFor}. The promise is a fixed instant, separate
 * from the service level clocks: pauses never move it.
 */
@Revision("1")
public record ResolutionPromised(
        IncidentId incidentId,
        Instant promisedFor,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
