package dev.incidents.query.asof;

import java.time.Instant;

import org.axonframework.messaging.MetaData;

import dev.incidents.api.incident.IncidentEvent;

/**
 * One event of an incident as the event store keeps it.
 *
 * @param recordedAt the event message's timestamp: the time the event store recorded it
 */
public record StoredIncidentEvent(IncidentEvent event, long sequenceNumber, String eventId, Instant recordedAt,
                                  MetaData metaData) {
}
