package dev.incidents.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes the {@link BatchWriter}s of a batch right after its last event has been handled.
 *
 * <p>A pooled streaming processor (Axon 4.13, {@code WorkPackage}) handles each batch of one segment in a
 * {@link BatchingUnitOfWork} and stores the segment's token in a prepare-commit callback that it registers before the
 * batch's first event is handled, as the tracking processor does, so a callback that a handler registers would run
 * after the token is stored. Writing inside the last event's interceptor chain instead runs before the commit starts:
 * a failed write rolls the batch back and the token stays where it was. A work package's batch holds only the events
 * its segment handles, and each of them passes through the interceptors, so the last one does too. A retried dead
 * letter runs alone in a unit of work that is no batch, so its changes are written right after it.
 */
public final class BatchWriteInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        if (isLastMessageOfBatch(unitOfWork.root())) {
            BatchWriters.writeAll(unitOfWork);
        }
        return result;
    }

    private static boolean isLastMessageOfBatch(UnitOfWork<?> unitOfWork) {
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }
}
