package dev.incidents.query.projection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * Counts the events that each streaming processor has handled since the query side started. A rebuild reads the count
 * when it starts and again later, and the difference is the number of events it has replayed. An event of a batch that
 * failed and was retried counts once per attempt.
 */
class HandledEventCounter {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** Returns an interceptor for {@code processor} that counts every event it lets through without failure. */
    MessageHandlerInterceptor<EventMessage<?>> interceptorFor(String processor) {
        AtomicLong count = countOf(processor);
        return (unitOfWork, interceptorChain) -> {
            Object result = interceptorChain.proceed();
            count.incrementAndGet();
            return result;
        };
    }

    long handled(String processor) {
        return countOf(processor).get();
    }

    private AtomicLong countOf(String processor) {
        return counts.computeIfAbsent(processor, ignored -> new AtomicLong());
    }
}
