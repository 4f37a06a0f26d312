package dev.incidents.command.monitoring;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Event store health by reading its head position: the H2 event database in the embedded default, Axon Server with
 * the axonserver profile (where Axon's own {@code axonServer} indicator also reports the connection).
 */
@Component("eventStoreHealthIndicator")
class EventStoreHealthIndicator extends AbstractHealthIndicator {

    private final EventStore eventStore;

    EventStoreHealthIndicator(EventStore eventStore) {
        super("Event store health check failed");
        this.eventStore = eventStore;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        TrackingToken head = eventStore.createHeadToken();
        builder.up().withDetail("head", head == null ? -1 : head.position().orElse(-1));
    }
}
