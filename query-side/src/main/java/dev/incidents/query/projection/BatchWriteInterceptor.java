package dev.incidents.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes the {@link BatchWriter}s of a batch right after its last event has been handled.
 *
 * <p>A tracking processor without a transaction manager (Axon 4.13) stores its token in a prepare-commit callback
 * that it registers before the batch's first event is handled, so a callback that a handler registers would run after
 * the token is stored. Writing inside the last event's interceptor chain instead runs before the commit starts: a
 * failed write rolls the batch back and the token stays where it was. Every event of the processor's batch passes
 * through its interceptors, so the last one does too, whether or not a projection handler runs for it.
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
