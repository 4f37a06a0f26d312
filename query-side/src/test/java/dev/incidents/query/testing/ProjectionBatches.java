package dev.incidents.query.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.projection.BatchWriteInterceptor;

/**
 * Delivers events to a projection as a tracking processor does, without its thread and token store: each batch runs
 * in one {@link BatchingUnitOfWork}, and every event passes through the {@link BatchWriteInterceptor} to the
 * projection's annotated handlers. Event ids are {@code incidentId#sequence}, and each event is recorded one second
 * after its business time.
 */
public final class ProjectionBatches {

    private final AnnotationEventHandlerAdapter handlers;
    private final BatchWriteInterceptor interceptor = new BatchWriteInterceptor("projection-under-test");
    private final Map<String, Long> nextSequence = new HashMap<>();

    public ProjectionBatches(Object projection) {
        this.handlers = new AnnotationEventHandlerAdapter(projection);
    }

    /**
     * Delivers the events as one batch, numbering each incident's events on from the last number this instance gave
     * it, and returns the delivered messages.
     */
    public List<DomainEventMessage<IncidentEvent>> deliver(IncidentEvent... events) {
        List<DomainEventMessage<IncidentEvent>> batch = new ArrayList<>();
        for (IncidentEvent event : events) {
            long sequence = nextSequence.merge(event.incidentId().value(), 1L, Long::sum) - 1;
            batch.add(message(event, sequence));
        }
        deliverBatch(batch);
        return batch;
    }

    /**
     * Delivers the messages as one batch and commits it.
     *
     * @throws RuntimeException the first exception of a handler or a batch write, after the batch was rolled back
     */
    public void deliverBatch(List<? extends EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<>(unitOfWork, List.of(interceptor), handlers::handle).proceed(),
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    /** Numbers the next delivered events of every incident from 0 again, as a replay after a reset does. */
    public void restartNumbering() {
        nextSequence.clear();
    }

    public static DomainEventMessage<IncidentEvent> message(IncidentEvent event, long sequence) {
        return message(event, sequence, eventId(event, sequence));
    }

    public static DomainEventMessage<IncidentEvent> message(IncidentEvent event, long sequence, String eventId) {
        return new GenericDomainEventMessage<>("Incident", event.incidentId().value(), sequence, event,
                MetaData.emptyInstance(), eventId, event.occurredAt().plusSeconds(1));
    }

    public static String eventId(IncidentEvent event, long sequence) {
        return event.incidentId() + "#" + sequence;
    }
}
