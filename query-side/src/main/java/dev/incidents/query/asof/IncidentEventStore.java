package dev.incidents.query.asof;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.IncidentEvent;

/**
 * Reads the events of one incident, with their sequence numbers, identifiers, recording times and metadata, from
 * the event store: the command side's H2 store or Axon Server. It reads from sequence number 0, which Axon's event
 * stores pass straight to their storage engine, because reading a whole aggregate would first look for a snapshot,
 * which the read-only user of the H2 store may not read.
 */
@Component
public class IncidentEventStore {

    private final EventStore eventStore;

    IncidentEventStore(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Returns the incident's events in stream order; empty when the store contains none. */
    public List<StoredIncidentEvent> events(String incidentId) {
        DomainEventStream stream = eventStore.readEvents(incidentId, 0);
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
