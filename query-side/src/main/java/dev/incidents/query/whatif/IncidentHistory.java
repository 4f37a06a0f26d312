package dev.incidents.query.whatif;

import dev.incidents.api.incident.IncidentEvent;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the events of one incident from the event store. It reads from sequence number 0, which skips the
 * aggregate snapshot: a snapshot is no event, and the read-only user of the H2 event store may not read it.
 */
@Component
class IncidentHistory {

    private final EventStore eventStore;

    IncidentHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Returns the incident's events in stream order; empty when the store contains none. */
    List<IncidentEvent> events(String incidentId) {
        DomainEventStream stream = eventStore.readEvents(incidentId, 0);
        List<IncidentEvent> events = new ArrayList<>();
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof IncidentEvent event) {
                events.add(event);
            }
        }
        return events;
    }
}
