package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.BusinessCalendarSaved;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.api.sla.ServiceLevelTargets;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory event store with saved calendars and published policy versions, and a catalogue that reads it, for
 * tests of the catalogue and of the incident's service levels.
 */
public final class ServiceLevelStore {

    private static final Actor ADMIN = Actor.of("adam", null);

    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final Map<String, Long> sequences = new HashMap<>();

    /** Returns targets with the same response and resolution time for every priority. */
    public static Map<Priority, ServiceLevelTargets> sameTargets(Duration response, Duration resolution) {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            targets.put(priority, new ServiceLevelTargets(response, resolution));
        }
        return targets;
    }

    public BusinessCalendarSaved saveCalendar(String id, BusinessCalendar calendar) {
        String stream = ServiceLevelStreams.calendar(id);
        int version = (int) (sequences.getOrDefault(stream, -1L) + 2);
        BusinessCalendarSaved saved = new BusinessCalendarSaved(id, version, calendar, ADMIN, Instant.EPOCH);
        append("BusinessCalendarHistory", stream, saved);
        return saved;
    }

    public ServiceLevelPolicyPublished publishPolicy(String id, Instant effectiveFrom, String calendarId,
                                                     Map<Priority, ServiceLevelTargets> targets, double threshold) {
        String stream = ServiceLevelStreams.policy(id);
        int version = (int) (sequences.getOrDefault(stream, -1L) + 2);
        ServiceLevelPolicyPublished published = new ServiceLevelPolicyPublished(
                new ServiceLevelPolicy(id, version, effectiveFrom, targets, threshold), calendarId, Map.of(), ADMIN,
                Instant.EPOCH);
        append("ServiceLevelPolicyHistory", stream, published);
        return published;
    }

    /** Returns a new catalogue of this store for the policy {@code policyId}. */
    public ServiceLevelCatalogue catalogue(String policyId) {
        return new ServiceLevelCatalogue(eventStore, new ServiceLevelProperties(Path.of("unused.yml"), policyId));
    }

    private void append(String type, String stream, Object payload) {
        long sequence = sequences.getOrDefault(stream, -1L) + 1;
        sequences.put(stream, sequence);
        eventStore.publish(new GenericDomainEventMessage<>(type, stream, sequence, payload));
    }
}
