package dev.incidents.command.monitoring;

import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Counts the service level breaches and warnings this command side raises, tagged with the clock and the priority.
 * It listens to the events this process publishes, which the event store hands to its subscribers once they are
 * committed. The query side is the wrong place: its processors see every event again on a replay or a rebuild.
 * With several command-side instances, each counts the alarms of the deadlines it ran, so a sum over the
 * instances is the total.
 */
@Component
public class ServiceLevelAlertCounter {

    /** Prometheus name {@code incidents_service_level_breaches_total}. */
    public static final String BREACHES = "incidents.service.level.breaches";
    /** Prometheus name {@code incidents_service_level_warnings_total}. */
    public static final String WARNINGS = "incidents.service.level.warnings";

    private final MeterRegistry registry;

    ServiceLevelAlertCounter(MeterRegistry registry, EventStore eventStore) {
        this.registry = registry;
        eventStore.subscribe(this::count);
    }

    private void count(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof ServiceLevelBreached breach) {
                counter(BREACHES, breach.clock().name(), "P" + breach.priority().number()).increment();
            } else if (payload instanceof ServiceLevelWarningRaised warning) {
                counter(WARNINGS, warning.clock().name(), "P" + warning.priority().number()).increment();
            }
        }
    }

    private Counter counter(String name, String clock, String priority) {
        return Counter.builder(name)
                .description("Service level alarms raised by this command side")
                .tag("clock", clock)
                .tag("priority", priority)
                .register(registry);
    }
}
