package dev.incidents.query.projection;

import java.time.Duration;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>
 * A batch that takes {@link #SLOW_BATCH} or longer from its first event to the end of its writes is logged as a
 * warning with its processor, its size and its last event, in place of Axon's handler timeouts, which this
 * application turns off.
 */
public final class BatchWriteInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    static final Duration SLOW_BATCH = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(BatchWriteInterceptor.class);
    private static final String STARTED = BatchWriteInterceptor.class.getName() + ".started";

    private final String processor;
    private final Duration slowBatch;

    public BatchWriteInterceptor(String processor) {
        this(processor, SLOW_BATCH);
    }

    BatchWriteInterceptor(String processor, Duration slowBatch) {
        this.processor = processor;
        this.slowBatch = slowBatch;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        UnitOfWork<?> root = unitOfWork.root();
        long started = root.getOrComputeResource(STARTED, key -> System.nanoTime());

        Object result = interceptorChain.proceed();

        if (isLastMessageOfBatch(root)) {
            BatchWriters.writeAll(unitOfWork);
            warnIfSlow(root, unitOfWork.getMessage(), Duration.ofNanos(System.nanoTime() - started));
        }
        return result;
    }

    private void warnIfSlow(UnitOfWork<?> root, EventMessage<?> last, Duration took) {
        if (took.compareTo(slowBatch) < 0) {
            return;
        }
        int events = root instanceof BatchingUnitOfWork<?> batch ? batch.getMessages().size() : 1;
        log.warn("Processor {} took {} ms to handle and write a batch of {} events, the last one {} ({})", processor,
                took.toMillis(), events, last.getIdentifier(), last.getPayloadType().getSimpleName());
    }

    private static boolean isLastMessageOfBatch(UnitOfWork<?> unitOfWork) {
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }
}
