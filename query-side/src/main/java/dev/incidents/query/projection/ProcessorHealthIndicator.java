package dev.incidents.query.projection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.incidents.api.query.RebuildProgress;

/**
 * Health of the event processors, under {@code eventProcessors} in {@code /actuator/health}. It is DOWN while a
 * processor is stopped outside a rebuild or retries after an error, since its read model then falls behind. The
 * details list per processor whether it runs, its error, its parked dead letters and every segment with its claim,
 * position and lag.
 */
@Component("eventProcessors")
class ProcessorHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration eventProcessing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final ProjectionRebuilds rebuilds;
    private final DeadLetterSettings deadLetters;
    private final ProcessorFailures failures;

    ProcessorHealthIndicator(EventProcessingConfiguration eventProcessing, EventStore eventStore,
                             TokenStore tokenStore, ProjectionRebuilds rebuilds, DeadLetterSettings deadLetters,
                             ProcessorFailures failures) {
        this.eventProcessing = eventProcessing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.failures = failures;
    }

    /**
     * Returns the processors' health, or DOWN with the error when the event store or the token store cannot be
     * read, as while the command side is down. Spring Boot does not catch what a health indicator throws, so
     * the health endpoint would return 500.
     */
    @Override
    public Health health() {
        try {
            return processorHealth();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }

    private Health processorHealth() {
        long head = ProjectionStatusQueryHandler.positionOf(eventStore.createHeadToken());
        boolean up = true;
        Map<String, Object> processors = new LinkedHashMap<>();

        for (Map.Entry<String, EventProcessor> entry : eventProcessing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            String name = entry.getKey();
            boolean rebuilding = rebuilds.latest(name).map(RebuildProgress::state).filter("RUNNING"::equals)
                    .isPresent();
            List<SegmentStatus> segments = SegmentStatus.of(name, processor, tokenStore, failures, head);
            boolean segmentError = segments.stream().anyMatch(segment -> segment.error() != null)
                    || failures.failureOf(name).isPresent();
            up &= (processor.isRunning() || rebuilding) && !processor.isError() && !segmentError;

            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", processor.isRunning());
            details.put("error", processor.isError() || segmentError);
            details.put("rebuilding", rebuilding);
            details.put("deadLetters", deadLetters.queue(name).size());
            details.put("segments", segments);
            processors.put(name, details);
        }

        Health.Builder health = up ? Health.up() : Health.down();
        return health.withDetail("head", head).withDetail("processors", processors).build();
    }
}
