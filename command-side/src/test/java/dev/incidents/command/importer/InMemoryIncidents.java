package dev.incidents.command.importer;

import dev.incidents.api.incident.ImportMetaData;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.command.incident.DuplicateRegistry;
import dev.incidents.command.incident.Incident;
import dev.incidents.command.incident.LifecycleProperties;
import dev.incidents.command.incident.PriorityMatrix;
import dev.incidents.command.incident.ServiceLevelTermsSource;
import dev.incidents.command.incident.SupportGroupDirectory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A real Axon command bus, {@link Incident} aggregate and in-memory event store for importer tests. Imported
 * commands carry no caller, so an organisation without groups or users is enough.
 */
final class InMemoryIncidents implements AutoCloseable {

    private static final ServiceLevelTerms ROUND_THE_CLOCK = roundTheClockTerms();

    private final Configuration axon;
    private final CommandGateway gateway;

    InMemoryIncidents() {
        // false: no Axon Server connector, although it is on the class path.
        axon = DefaultConfigurer.defaultConfiguration(false)
                // The cache spares each command a replay of its incident's events, which the in-memory store
                // finds by scanning all events.
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Incident.class)
                        .configureCache(configuration -> new WeakReferenceCache()))
                // The live timers are on, to show that imported commands schedule none of them.
                .registerComponent(LifecycleProperties.class, configuration -> new LifecycleProperties(false, false,
                        Duration.ofDays(14), Duration.ofDays(5), Duration.ofHours(4)))
                .registerComponent(PriorityMatrix.class, configuration -> PriorityMatrix.ITIL)
                .registerComponent(DuplicateRegistry.class, configuration -> new UnusedDuplicateRegistry())
                .registerComponent(SupportGroupDirectory.class, configuration -> new EmptyOrganisation())
                // A policy in effect, as on a server: imported reports record terms but schedule no deadlines.
                .registerComponent(ServiceLevelTermsSource.class, configuration -> reportedAt -> ROUND_THE_CLOCK)
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .configureCorrelationDataProviders(configuration -> List.of(
                        new SimpleCorrelationDataProvider(ImportMetaData.SOURCE, ImportMetaData.POSITION)))
                .buildConfiguration();
        axon.start();
        gateway = axon.commandGateway();
    }

    /** Sends an imported command, as the import service does, and returns the incident's status after it. */
    IncidentStatus send(Object command, long position) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(Map.of(ImportMetaData.SOURCE, "test", ImportMetaData.POSITION, position)));
    }

    /** Returns the simple names of the incident's event types, in order. */
    List<String> eventTypes(String incidentId) {
        return events(incidentId).stream()
                .map(event -> event.getPayloadType().getSimpleName())
                .toList();
    }

    List<? extends DomainEventMessage<?>> events(String incidentId) {
        return axon.eventStore().readEvents(incidentId).asStream().toList();
    }

    @Override
    public void close() {
        axon.shutdown();
    }

    /** Imports never mark duplicates, so any use of the registry is a failure. */
    private static final class UnusedDuplicateRegistry implements DuplicateRegistry {

        @Override
        public DuplicateCheck lockAndCheck(IncidentId duplicateId, IncidentId originalId) {
            throw new AssertionError("an import marked " + duplicateId + " as a duplicate");
        }

        @Override
        public void link(IncidentId duplicateId, IncidentId originalId) {
            throw new AssertionError("an import linked " + duplicateId + " to " + originalId);
        }
    }

    private static final class EmptyOrganisation implements SupportGroupDirectory {

        @Override
        public OptionalInt tierOf(SupportGroupId group) {
            return OptionalInt.empty();
        }

        @Override
        public boolean isMember(SupportGroupId group, UserId person) {
            return false;
        }

        @Override
        public boolean knowsUser(UserId person) {
            return false;
        }
    }

    private static ServiceLevelTerms roundTheClockTerms() {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            targets.put(priority, new ServiceLevelTargets(Duration.ofHours(1), Duration.ofHours(24)));
        }
        NamedCalendar calendar = new NamedCalendar("24x7", 1, BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
        return new ServiceLevelTerms(new ServiceLevelPolicy("standard", 1, Instant.EPOCH, targets), calendar, Map.of());
    }
}
