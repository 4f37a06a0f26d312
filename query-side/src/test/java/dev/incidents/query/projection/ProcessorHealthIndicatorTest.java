package dev.incidents.query.projection;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The processors' health check reports DOWN, instead of failing, while the event store cannot be read. */
class ProcessorHealthIndicatorTest {

    @Test
    void unreadableEventStoreIsDown() {
        EventStore eventStore = mock(EventStore.class);
        when(eventStore.createHeadToken())
                .thenThrow(new EventStoreException("Failed to obtain a database connection"));
        ProcessorHealthIndicator indicator = new ProcessorHealthIndicator(null, eventStore, null, null, null, null);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("Failed to obtain a database connection");
    }
}
