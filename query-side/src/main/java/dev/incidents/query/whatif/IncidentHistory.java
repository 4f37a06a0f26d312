package dev.incidents.query.whatif;

import dev.incidents.api.incident.IncidentEvent;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the events of one incident from the command side's event store. It reads the storage engine directly, not
 * the event store, because the event store would first look for an aggregate snapshot, which is no event and which
 * the read-only user of the query side may not read.
 */
@Component
class IncidentHistory {

    private final EventStorageEngine storageEngine;

    IncidentHistory(EventStorageEngine storageEngine) {
        this.storageEngine = storageEngine;
    }

    /** Returns the incident's events in stream order; empty when the store contains none. */
    List<IncidentEvent> events(String incidentId) {
        DomainEventStream stream = storageEngine.readEvents(incidentId, 0);
        List<IncidentEvent> events = new ArrayList<>();
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof IncidentEvent event) {
                events.add(event);
            }
        }
        return events;
    }
}
