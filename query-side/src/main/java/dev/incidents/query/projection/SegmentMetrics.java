package dev.incidents.query.projection;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer gauges per processor segment, tagged {@code processor} and {@code segment}: the lag behind the head of
 * the event store, the position, and whether this instance claims the segment. Segments appear when a processor
 * creates, splits or merges them, so a background task registers the gauges of new segments every
 * {@value #DISCOVERY_SECONDS} seconds. A segment that this instance does not claim reads NaN for lag and position. A
 * gauge of the dead-letter count per processing group completes them.
 */
@Component
class SegmentMetrics implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SegmentMetrics.class);

    private static final long DISCOVERY_SECONDS = 10;

    private final EventProcessingConfiguration eventProcessing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-segment-metrics");
        thread.setDaemon(true);
        return thread;
    });

    SegmentMetrics(EventProcessingConfiguration eventProcessing, EventStore eventStore, TokenStore tokenStore,
                   MeterRegistry registry, ReadModels readModels, DeadLetterSettings deadLetters) {
        this.eventProcessing = eventProcessing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.registry = registry;
        for (String group : readModels.names()) {
            Gauge.builder("incidents.projection.dead-letters", deadLetters, settings -> settings.queue(group).size())
                    .tag("processor", group)
                    .baseUnit("events")
                    .description("Events parked in the dead-letter queue of the processing group")
                    .register(registry);
        }
        executor.scheduleWithFixedDelay(this::registerNewSegments, 0, DISCOVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void registerNewSegments() {
        try {
            for (String processor : eventProcessing.eventProcessors().keySet()) {
                for (int segment : tokenStore.fetchSegments(processor)) {
                    if (registered.add(processor + "/" + segment)) {
                        register(processor, segment);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The scheduler would stop calling a task that raised, so log and look again at the next interval.
            log.warn("Looking up the segments of the event processors failed, looking again in {} s",
                    DISCOVERY_SECONDS, e);
        }
    }

    private void register(String processor, int segment) {
        String id = Integer.toString(segment);
        Gauge.builder("incidents.projection.segment.lag", this,
                        metrics -> metrics.lag(processor, segment))
                .tags("processor", processor, "segment", id)
                .baseUnit("events")
                .description("Global indexes between the segment's position and the head of the event store")
                .register(registry);
        Gauge.builder("incidents.projection.segment.position", this,
                        metrics -> metrics.position(processor, segment))
                .tags("processor", processor, "segment", id)
                .baseUnit("events")
                .description("Global index of the last event the segment handled")
                .register(registry);
        Gauge.builder("incidents.projection.segment.claimed", this,
                        metrics -> metrics.claimed(processor, segment))
                .tags("processor", processor, "segment", id)
                .description("1 while this instance claims the segment, otherwise 0")
                .register(registry);
        log.debug("Registered the gauges of segment {} of the {} processor", segment, processor);
    }

    private double lag(String processor, int segment) {
        OptionalLong position = positionOf(processor, segment);
        if (position.isEmpty()) {
            return Double.NaN;
        }
        long head = ProjectionStatusQueryHandler.positionOf(eventStore.createHeadToken());
        return Math.max(0, head - position.getAsLong());
    }

    private double position(String processor, int segment) {
        OptionalLong position = positionOf(processor, segment);
        return position.isPresent() ? position.getAsLong() : Double.NaN;
    }

    private double claimed(String processor, int segment) {
        return trackerOf(processor, segment).isPresent() ? 1 : 0;
    }

    private OptionalLong positionOf(String processor, int segment) {
        Optional<EventTrackerStatus> tracker = trackerOf(processor, segment);
        if (tracker.isEmpty()) {
            return OptionalLong.empty();
        }
        return tracker.get().getTrackingToken() == null
                ? OptionalLong.of(ProjectionStatusQueryHandler.BEFORE_FIRST_EVENT)
                : tracker.get().getCurrentPosition();
    }

    /** Returns the status of the segment if this instance claims it. */
    private Optional<EventTrackerStatus> trackerOf(String processor, int segment) {
        return eventProcessing.eventProcessor(processor, StreamingEventProcessor.class)
                .map(streaming -> streaming.processingStatus().get(segment));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
