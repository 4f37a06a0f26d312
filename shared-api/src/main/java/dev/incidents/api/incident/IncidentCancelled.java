package dev.incidents.api.incident;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.axonframework.serialization.Revision;

/**
 * An open incident was cancelled. A cancellation with the reason {@link CancelReason#DUPLICATE} from the
 * mark-duplicate command names the incident it duplicates in {@code originalId}; other cancellations leave it null.
 * Events stored before {@code originalId} existed read back with null, so the revision stays 1.
 */
@Revision("1")
public record IncidentCancelled(
        IncidentId incidentId,
        CancelReason reason,
        String detail,
        IncidentState previousState,
        Actor actor,
        Instant occurredAt,
        IncidentId originalId) implements IncidentEvent {

    // Marks the canonical constructor as the one Jackson reads events with, since the record has two.
    @JsonCreator
    public IncidentCancelled {
    }

    /** A cancellation that links to no original incident. */
    public IncidentCancelled(IncidentId incidentId, CancelReason reason, String detail, IncidentState previousState,
                             Actor actor, Instant occurredAt) {
        this(incidentId, reason, detail, previousState, actor, occurredAt, null);
    }
}
