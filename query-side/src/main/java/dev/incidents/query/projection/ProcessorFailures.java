package dev.incidents.query.projection;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest failed batch of every processor segment, until that segment commits a batch again. A pooled streaming
 * processor releases a segment whose batch failed and claims it again after a back-off. While the segment is
 * released, the processor reports no status for it, so only this record shows the failure.
 */
class ProcessorFailures {

    private static final Logger log = LoggerFactory.getLogger(ProcessorFailures.class);

    /** Failure messages by processor name and segment id. */
    private final Map<String, Map<Integer, String>> failures = new ConcurrentHashMap<>();

    /**
     * Returns an interceptor for {@code processor} that records a failure of the batch and clears it when a batch of
     * the same segment commits. It must be the outermost interceptor, so that failed batch writes reach it too.
     */
    MessageHandlerInterceptor<EventMessage<?>> interceptorFor(String processor) {
        String segmentKey = "Processor[" + processor + "]/SegmentId";
        return (unitOfWork, interceptorChain) -> {
            Integer segment = segmentOf(unitOfWork, segmentKey);
            if (segment != null) {
                // Once per batch: the root unit of work is the batch.
                unitOfWork.root().getOrComputeResource(segmentKey + "/recovery", key -> {
                    unitOfWork.root().afterCommit(committed -> clear(processor, segment));
                    return Boolean.TRUE;
                });
            }
            try {
                return interceptorChain.proceed();
            } catch (Exception | Error e) {
                if (segment != null) {
                    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                    String previous = failures.computeIfAbsent(processor, name -> new ConcurrentHashMap<>())
                            .put(segment, message);
                    if (previous == null) {
                        log.warn("Segment {} of the {} processor failed a batch and retries it: {}", segment,
                                processor, message);
                    }
                }
                throw e;
            }
        };
    }

    /** Returns the message of a failure that a segment of {@code processor} has not recovered from yet. */
    Optional<String> failureOf(String processor) {
        return Optional.ofNullable(failures.get(processor)).flatMap(bySegment -> bySegment.values().stream()
                .findFirst());
    }

    /** Returns the message of the failure that {@code segment} has not recovered from yet. */
    Optional<String> failureOf(String processor, int segment) {
        return Optional.ofNullable(failures.get(processor)).map(bySegment -> bySegment.get(segment));
    }

    private void clear(String processor, int segment) {
        Map<Integer, String> bySegment = failures.get(processor);
        if (bySegment != null && bySegment.remove(segment) != null) {
            log.info("Segment {} of the {} processor recovered and committed a batch", segment, processor);
        }
    }

    private static Integer segmentOf(UnitOfWork<?> unitOfWork, String key) {
        Object segment = unitOfWork.root().getResource(key);
        return segment instanceof Integer id ? id : null;
    }
}
