package dev.incidents.query.sla;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.incidents.api.incident.IncidentEvent;

/**
 * Turns incident events into {@link StoredEvent}s and back: the event's simple class name and its JSON, the same
 * Jackson form the event store holds. Every {@link IncidentEvent} type is a permitted subtype of the sealed
 * interface, so the simple name identifies it.
 */
final class ClockEventCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private static final Map<String, Class<?>> TYPES = Arrays.stream(IncidentEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private ClockEventCodec() {
    }

    static StoredEvent encode(IncidentEvent event) {
        try {
            return new StoredEvent(event.getClass().getSimpleName(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + event.getClass().getSimpleName() + " of incident "
                    + event.incidentId() + " for its service level clock", e);
        }
    }

    static IncidentEvent decode(String incidentId, StoredEvent stored) {
        Class<?> type = TYPES.get(stored.type());
        if (type == null) {
            throw new IllegalStateException("unknown stored event type " + stored.type() + " in the service level "
                    + "record of incident " + incidentId + "; reset the service-levels processor to rebuild it");
        }
        try {
            return (IncidentEvent) JSON.readValue(stored.json(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the stored " + stored.type() + " of incident " + incidentId
                    + "; reset the service-levels processor to rebuild it", e);
        }
    }
}
