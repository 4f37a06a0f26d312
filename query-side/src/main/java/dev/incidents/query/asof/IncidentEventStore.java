package dev.incidents.query.asof;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.IncidentEvent;

/**
 * Reads the events of one incident, with their sequence numbers, identifiers, recording times and metadata, from
 * the command side's event store. It reads the storage engine, not the event store, because the event store would
 * first look for an aggregate snapshot, which the read-only user of the query side may not read.
 */
@Component
public class IncidentEventStore {

    private final EventStorageEngine storageEngine;

    IncidentEventStore(EventStorageEngine storageEngine) {
        this.storageEngine = storageEngine;
    }

    /** Returns the incident's events in stream order; empty when the store contains none. */
    public List<StoredIncidentEvent> events(String incidentId) {
        DomainEventStream stream = storageEngine.readEvents(incidentId, 0);
        List<StoredIncidentEvent> events = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof IncidentEvent event) {
                events.add(new StoredIncidentEvent(event, message.getSequenceNumber(), message.getIdentifier(),
                        message.getTimestamp(), message.getMetaData()));
            }
        }
        return events;
    }
}
