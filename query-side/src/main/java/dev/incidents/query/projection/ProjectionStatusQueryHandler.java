package dev.incidents.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import dev.incidents.api.query.FetchProjectionStatusQuery;
import dev.incidents.api.query.ProcessorStatus;
import dev.incidents.api.query.ProjectionStatus;

/** Compares the position of every streaming processor of this instance with the head of the event store. */
@Component
class ProjectionStatusQueryHandler {

    /** Position of a processor or store that has no event yet. */
    static final long BEFORE_FIRST_EVENT = -1;

    private final EventStore eventStore;
    private final EventProcessingConfiguration eventProcessing;
    private final ProjectionRebuilds rebuilds;
    private final ProcessorFailures failures;

    ProjectionStatusQueryHandler(EventStore eventStore, EventProcessingConfiguration eventProcessing,
                                 ProjectionRebuilds rebuilds, ProcessorFailures failures) {
        this.eventStore = eventStore;
        this.eventProcessing = eventProcessing;
        this.rebuilds = rebuilds;
        this.failures = failures;
    }

    @QueryHandler
    ProjectionStatus handle(FetchProjectionStatusQuery query) {
        long head = positionOf(eventStore.createHeadToken());

        List<ProcessorStatus> processors = new ArrayList<>();
        for (Map.Entry<String, EventProcessor> processor : eventProcessing.eventProcessors().entrySet()) {
            if (processor.getValue() instanceof StreamingEventProcessor streaming) {
                ProcessorStatus status = statusOf(processor.getKey(), streaming, head,
                        failures.failureOf(processor.getKey()).orElse(null));
                processors.add(status.withRebuild(rebuilds.latest(status, head)));
            }
        }
        processors.sort(Comparator.comparing(ProcessorStatus::name));

        boolean caughtUp = !processors.isEmpty() && processors.stream().allMatch(ProcessorStatus::caughtUp);
        return new ProjectionStatus(caughtUp, head, processors);
    }

    /**
     * Summarises the segments of one processor. Its position is the lowest segment position. It is caught up only
     * when it has claimed at least one segment, every segment reports caught up without error, and the position has
     * reached {@code head}. A {@code failure} that a released segment has not recovered from puts the processor in
     * the error state too. The status has no rebuild progress.
     */
    static ProcessorStatus statusOf(String name, StreamingEventProcessor processor, long head, String failure) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        boolean errorState = processor.isError() || failure != null;
        String error = failure;
        boolean segmentsCaughtUp = !segments.isEmpty();
        Long position = null;

        for (EventTrackerStatus segment : segments) {
            long segmentPosition = segment.getTrackingToken() == null
                    ? BEFORE_FIRST_EVENT
                    : segment.getCurrentPosition().orElse(BEFORE_FIRST_EVENT);
            position = position == null ? segmentPosition : Math.min(position, segmentPosition);
            segmentsCaughtUp &= segment.isCaughtUp();
            if (segment.isErrorState()) {
                errorState = true;
                if (error == null && segment.getError() != null) {
                    error = describe(segment.getError());
                }
            }
        }

        boolean caughtUp = segmentsCaughtUp && !errorState && position != null && position >= head;
        Long lag = position == null ? null : Math.max(0, head - position);
        return new ProcessorStatus(name, processor.isRunning(), position, caughtUp, lag, errorState, error,
                null);
    }

    static long positionOf(TrackingToken token) {
        return token == null ? BEFORE_FIRST_EVENT : token.position().orElse(BEFORE_FIRST_EVENT);
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getName() : error.getMessage();
    }
}
