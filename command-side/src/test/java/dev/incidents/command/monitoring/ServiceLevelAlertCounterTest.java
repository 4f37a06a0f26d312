package dev.incidents.command.monitoring;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.sla.ServiceLevelClockKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

class ServiceLevelAlertCounterTest {

    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    @Test
    void countsBreachesAndWarningsByClockAndPriority() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()).build();
        new ServiceLevelAlertCounter(registry, eventStore);

        eventStore.publish(asEventMessage(breach(ServiceLevelClockKind.RESOLUTION, Priority.P2_HIGH)));
        eventStore.publish(asEventMessage(breach(ServiceLevelClockKind.RESOLUTION, Priority.P2_HIGH)));
        eventStore.publish(asEventMessage(breach(ServiceLevelClockKind.RESPONSE, Priority.P1_CRITICAL)));
        eventStore.publish(asEventMessage(new ServiceLevelWarningRaised(new IncidentId("INC-1"),
                ServiceLevelClockKind.RESPONSE, null, Priority.P1_CRITICAL, Duration.ofMinutes(15), "standard", 1,
                Actor.rule("service-level/standard-v1"), AT)));

        assertThat(registry.get(ServiceLevelAlertCounter.BREACHES).tags("clock", "RESOLUTION", "priority", "P2")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get(ServiceLevelAlertCounter.BREACHES).tags("clock", "RESPONSE", "priority", "P1")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get(ServiceLevelAlertCounter.WARNINGS).tags("clock", "RESPONSE", "priority", "P1")
                .counter().count()).isEqualTo(1.0);
        eventStore.shutDown();
    }

    private static ServiceLevelBreached breach(ServiceLevelClockKind clock, Priority priority) {
        return new ServiceLevelBreached(new IncidentId("INC-1"), clock, null, priority, Duration.ofHours(8),
                "standard", 1, Actor.rule("service-level/standard-v1"), AT);
    }
}
