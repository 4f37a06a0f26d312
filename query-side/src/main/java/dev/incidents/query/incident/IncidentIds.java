package dev.incidents.query.incident;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;

import dev.incidents.api.incident.IncidentEvent;

/** Collects the incident ids that a batch of events refers to. */
public final class IncidentIds {

    private IncidentIds() {
    }

    /** Returns the ids of the incidents of the {@link IncidentEvent}s among {@code messages}, in first-seen order. */
    public static Set<String> of(List<EventMessage<?>> messages) {
        Set<String> ids = new LinkedHashSet<>();
        for (EventMessage<?> message : messages) {
            if (message.getPayload() instanceof IncidentEvent event) {
                ids.add(event.incidentId().value());
            }
        }
        return ids;
    }
}
