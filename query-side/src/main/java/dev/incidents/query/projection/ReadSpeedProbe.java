package dev.incidents.query.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A projection that handles every event and writes nothing. Rebuilding it measures how fast the query side reads and
 * deserializes the event store, the ceiling of every real rebuild; the benchmark suite turns it on with
 * {@code incidents.projections.read-speed-probe=true}. It is off by default, so production processors do not carry it.
 */
@Component
@ProcessingGroup(ReadSpeedProbe.PROCESSING_GROUP)
@ConditionalOnProperty(name = "incidents.projections.read-speed-probe", havingValue = "true")
class ReadSpeedProbe implements ReadModel {

    static final String PROCESSING_GROUP = "read-speed-probe";

    @EventHandler
    void on(EventMessage<?> event) {
        // Nothing to write: the cost measured is the processor's reading of the store.
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of();
    }
}
